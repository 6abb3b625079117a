/**
 * `mergedModesFetch`: one list over several upstream lists that differ only in the charge mode. Checked
 * against the plain concatenation for every window, with the exact pages it asks for.
 */
import { describe, expect, it } from 'vitest';
import { mergedModesFetch } from '../../../src/resolvers/bill.js';
import { offsetConnection } from '../../../src/resolvers/connection.js';

/** Fake upstream lists: mode → rows; every page asked is recorded. */
function upstream(lists: Record<string, number>) {
  const asked: [string, number, number][] = [];
  const rows = (mode: string) => Array.from({ length: lists[mode]! }, (_, i) => `${mode}:${i}`);
  const fetchMode = async (mode: string, offset: number, limit: number) => {
    if (limit < 1 || limit > 100) throw new Error(`bad limit ${limit}`);
    asked.push([mode, offset, limit]);
    return { items: rows(mode).slice(offset, offset + limit), total: lists[mode]! };
  };
  const all = Object.keys(lists).flatMap(rows);
  return { asked, fetchMode, all };
}

describe('mergedModesFetch', () => {
  it('returns exactly the concatenation for every window, with the sum of the counts as total', async () => {
    const lists = { '1': 54, '3': 129, '11': 0 };
    const { fetchMode, all } = upstream(lists);
    const fetch = mergedModesFetch(Object.keys(lists), fetchMode, 100);
    for (const [offset, limit] of [[0, 1], [0, 20], [0, 54], [0, 55], [0, 183], [0, 250], [50, 10], [53, 2], [54, 1], [100, 100], [182, 5], [183, 3], [400, 2]] as const) {
      const page = await fetch(offset, limit);
      expect(page, `window ${offset}+${limit}`).toEqual({ items: all.slice(offset, offset + limit), total: 183 });
    }
  });

  it('asks every mode\'s first page at once for a window at 0, and one more page only where a mode runs past 100', async () => {
    const { asked, fetchMode } = upstream({ '1': 54, '3': 129, '11': 7 });
    await mergedModesFetch(['1', '3', '11'], fetchMode, 100)(0, 20);
    expect(asked).toEqual([['1', 0, 20], ['3', 0, 20], ['11', 0, 20]]);

    asked.length = 0;
    await mergedModesFetch(['1', '3', '11'], fetchMode, 100)(0, 190);
    // Mode 1 gives its 54, mode 3 its first 100 then 29 more from 100, mode 11 its 7.
    expect(asked).toEqual([['1', 0, 100], ['3', 0, 100], ['11', 0, 100], ['3', 100, 36]]);
  });

  it('past the start, learns each mode\'s count before placing the next one: still one call per mode', async () => {
    const { asked, fetchMode } = upstream({ '1': 54, '3': 129, '11': 7 });
    await mergedModesFetch(['1', '3', '11'], fetchMode, 100)(50, 10);
    expect(asked).toEqual([['1', 50, 10], ['3', 0, 6], ['11', 0, 1]]);

    asked.length = 0;
    await mergedModesFetch(['1', '3', '11'], fetchMode, 100)(60, 10);
    // Entirely inside mode 3: mode 1 is asked only for its count (nothing of it is in the window).
    expect(asked).toEqual([['1', 60, 10], ['3', 6, 10], ['11', 0, 1]]);
  });

  it('serves Relay connections through offsetConnection without cutting its window into pages', async () => {
    const { asked, fetchMode, all } = upstream({ '1': 3, '3': 4 });
    const connection = await offsetConnection({ first: 5 }, mergedModesFetch(['1', '3'], fetchMode, 100), {
      pageMax: Number.MAX_SAFE_INTEGER, defaultFirst: 20, maxFirst: 1000,
    });
    expect(connection.edges.map((e) => e.node)).toEqual(all.slice(0, 5));
    expect(connection.totalCount).toBe(7);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(asked).toEqual([['1', 0, 5], ['3', 0, 5]]);
  });

  it('fails with the first failing mode and leaves no unhandled rejection behind', async () => {
    const fetch = mergedModesFetch(['1', '3'], async (mode) => {
      throw new Error(`mode ${mode} failed`);
    }, 100);
    await expect(fetch(0, 10)).rejects.toThrow('mode 1 failed');
  });
});
