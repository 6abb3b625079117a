/**
 * The unit a client names in `usage(unit:)`: Huawei's measure ids and abbreviations, the names
 * ListMeasureUnits lists, and the names people type (issue 15, rough edge 1: the README's `usage(unit: "GB")`).
 */
import { describe, expect, it } from 'vitest';
import { resolveUnit } from '../../src/resolvers/usage-conversion.js';
import type { MeasureUnitShape } from '../../src/sources/reference.js';
import { MEASURE_UNITS } from '../../src/simulator/dataset/reference.js';

const units = (language: 'zh_CN' | 'en_US'): MeasureUnitShape[] =>
  MEASURE_UNITS.map((u) => ({ id: u.id, name: language === 'zh_CN' ? u.name.zh_CN : u.name.en_US, abbreviation: u.abbreviation, measureType: u.measureType }));

const TRAFFIC = 3;
const CAPACITY = 7;
const DURATION = 2;

describe('resolveUnit', () => {
  it.each([
    ['GB', TRAFFIC, 10], ['gb', TRAFFIC, 10], ['GB', CAPACITY, 17], ['G', TRAFFIC, 10], ['10', null, 10],
    ['MB', TRAFFIC, 11], ['KB', TRAFFIC, 12], ['TB', TRAFFIC, 13], ['TB', CAPACITY, 18], ['megabytes', CAPACITY, 19],
    ['hour', DURATION, 4], ['Hours', DURATION, 4], ['h', DURATION, 4], ['minute', DURATION, 5], ['min', DURATION, 5],
    ['second', DURATION, 6], ['seconds', DURATION, 6], ['s', DURATION, 6], ['day', DURATION, 8], [' GB ', TRAFFIC, 10],
  ])('reads %j in measure type %j as unit %i', (requested, measureType, id) => {
    for (const language of ['zh_CN', 'en_US'] as const) expect(resolveUnit(units(language), requested, measureType).id).toBe(id);
  });

  it('reads a unit by the name ListMeasureUnits lists in the request language', () => {
    expect(resolveUnit(units('zh_CN'), '小时', DURATION).id).toBe(4);
    expect(resolveUnit(units('en_US'), 'Minute', DURATION).id).toBe(5);
  });

  it('refuses a unit that is no id, abbreviation or name, as bad input naming the argument', () => {
    for (const requested of ['parsecs', '', '999']) {
      expect(() => resolveUnit(units('en_US'), requested, TRAFFIC)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'unit' } }));
    }
  });
});
