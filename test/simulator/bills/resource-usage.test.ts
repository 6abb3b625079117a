/** 4.8 ListResourceUsageSummary and 4.9 ListResourceUsage: 95th-percentile bandwidth statistics. */
import { beforeAll, describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/bss/money.js';
import { ListResourceUsage, ListResourceUsageSummary } from '../../../src/bss/operations/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { testState } from '../../support/sim-request.js';
import { allPages, callAs, customerAt, paramError } from './helpers.js';

const CDN = { service_type_code: 'hws.service.type.cdn', resource_type_code: 'hws.resource.type.cdn', usage_type: '95Peak' };
const BANDWIDTH = { service_type_code: 'hws.service.type.vpc', resource_type_code: 'hws.resource.type.bandwidth', usage_type: 'bandwidth95peak' };
const CDN_A = '7f946678-ccc0-4fec-bb91-1fc4901226d3';

let state: SimState;
let cdnOwner: CustomerRecord;
beforeAll(() => {
  state = testState();
  cdnOwner = customerAt(state, 47);
});

const summary = (c: CustomerRecord, query: Record<string, string | number>) => callAs(state, c, ListResourceUsageSummary, { query });
const points = (c: CustomerRecord, query: Record<string, string | number>) => callAs(state, c, ListResourceUsage, { query });

describe('4.8 ListResourceUsageSummary', () => {
  it('answers each resource\'s billed 95th-percentile bandwidth of a closed month, as strings', async () => {
    expect((await summary(cdnOwner, { bill_cycle: '2026-09', ...CDN })).body).toEqual({
      total_count: 2,
      summary_usage_info_list: [
        { resource_id: CDN_A, actual_days: '30', band_width: '2.398', monthly_guaranteed_band_width: '', monthly_peak_band_width: '', band_width_measure_id: 15 },
        { resource_id: '638deb0c-73c2-4c79-a647-32326ddf367a', actual_days: '30', band_width: '15.18', monthly_guaranteed_band_width: '', monthly_peak_band_width: '', band_width_measure_id: 15 },
      ],
    });
  });

  it('lists resources of the open month without a billed bandwidth yet', async () => {
    const open = await summary(cdnOwner, { bill_cycle: '2026-11', ...CDN, limit: 1 });
    expect(open.body).toEqual({
      total_count: 2,
      summary_usage_info_list: [{ resource_id: CDN_A, actual_days: '14.5', band_width: '', monthly_guaranteed_band_width: '', monthly_peak_band_width: '' }],
    });
  });

  it('prorates a resource deleted during the month by its effective days', async () => {
    expect((await summary(customerAt(state, 11), { bill_cycle: '2026-10', ...BANDWIDTH })).body.summary_usage_info_list).toEqual([
      { resource_id: '5213c981-1280-4f0e-b8bb-0bdc5b8cae1a', actual_days: '2', band_width: '15.1088', monthly_guaranteed_band_width: '', monthly_peak_band_width: '', band_width_measure_id: 15 },
    ]);
  });

  it('has no statistics for kinds the simulation does not bill (base-1000 split, enhanced 95, OBS) or other months', async () => {
    expect((await summary(cdnOwner, { bill_cycle: '2026-09', ...CDN, usage_type: '95peak_1000' })).body.total_count).toBe(2);
    for (const query of [
      { ...CDN, usage_type: '95Peak_1000' }, { ...CDN, usage_type: '95peak_plus' },
      { service_type_code: 'hws.service.type.obs', resource_type_code: 'hws.resource.type.obs', usage_type: '95Peak' }, BANDWIDTH,
    ]) {
      expect((await summary(cdnOwner, { bill_cycle: '2026-09', ...query })).body).toEqual({ total_count: 0, summary_usage_info_list: [] });
    }
    expect((await summary(cdnOwner, { bill_cycle: '2026-07', ...CDN })).body.total_count).toBe(0);
  });

  it('rejects bad parameters', async () => {
    expect(await summary(cdnOwner, { ...CDN })).toEqual(paramError('Parameter error: bill_cycle is required.'));
    expect(await summary(cdnOwner, { bill_cycle: '2026-09', resource_type_code: CDN.resource_type_code, usage_type: '95Peak' })).toEqual(
      paramError('Parameter error: service_type_code is required.'),
    );
    expect(await summary(cdnOwner, { bill_cycle: '2026-09', ...CDN, usage_type: '95peak' })).toEqual(
      paramError('Parameter error: usage_type must be one of 95Peak, 95peak_1000, 95Peak_1000, bandwidth95peak, 95peak_plus.'),
    );
    expect(await summary(cdnOwner, { bill_cycle: '2026-09', ...CDN, resource_type_code: 'hws.resource.type.vm' })).toEqual(
      paramError('Parameter error: resource_type_code must be one of hws.resource.type.cdn, hws.resource.type.obs, hws.resource.type.bandwidth, hws.resource.type.edgebandwidth.'),
    );
    expect(await summary(cdnOwner, { bill_cycle: '2026-09', ...CDN, limit: 1001 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
  });
});

describe('4.9 ListResourceUsage', () => {
  it('pages through a month of 5-minute points (8640 in 30 days) whose 95th percentile is the billed bandwidth', async () => {
    const all = await allPages((offset, limit) => points(cdnOwner, { bill_cycle: '2026-09', ...CDN, resource_id: CDN_A, offset, limit }), 'usage_info_list', 1000);
    expect(all).toHaveLength(8640);
    expect(all[0]).toEqual({ stat_time: '2026-08-31T16:00:00Z', guaranteed_band_width: '', usage: expect.any(String), measure_id: 15 });
    expect(all[8639].stat_time).toBe('2026-09-30T15:55:00Z');
    const sorted = all.map((p) => toDecimal(p.usage)).sort((a, b) => b.comparedTo(a));
    expect(sorted[Math.floor(8640 * 0.05)]!.toFixed()).toBe('2.398');
    const head = await points(cdnOwner, { bill_cycle: '2026-09', ...CDN, resource_id: CDN_A, limit: 1 });
    expect(head.body).toMatchObject({ actual_days: '30', band_width: '2.398', band_width_measure_id: 15, total_count: 8640 });
  });

  it('answers the points of a resource deleted during the month', async () => {
    const owner = customerAt(state, 11);
    const res = await points(owner, { bill_cycle: '2026-10', ...BANDWIDTH, resource_id: '5213c981-1280-4f0e-b8bb-0bdc5b8cae1a', offset: 100, limit: 2 });
    expect(res.body).toEqual({
      actual_days: '2', band_width: '15.1088', monthly_guaranteed_band_width: '', monthly_peak_band_width: '', band_width_measure_id: 15, total_count: 576,
      usage_info_list: [
        { stat_time: '2026-10-01T00:20:00Z', guaranteed_band_width: '', usage: '9.372', measure_id: 15 },
        { stat_time: '2026-10-01T00:25:00Z', guaranteed_band_width: '', usage: '8.5129', measure_id: 15 },
      ],
    });
  });

  it('has no points for another customer\'s resource, and needs resource_id', async () => {
    expect((await points(customerAt(state, 5), { bill_cycle: '2026-09', ...CDN, resource_id: CDN_A })).body).toMatchObject({ total_count: 0, band_width: '', usage_info_list: [] });
    expect(await points(cdnOwner, { bill_cycle: '2026-09', ...CDN })).toEqual(paramError('Parameter error: resource_id is required.'));
  });
});
