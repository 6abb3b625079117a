/**
 * The reference cache's synchronous read (src/caches/reference-cache.ts `read`): a fresh entry is the value itself,
 * counted as a hit; a missing or expired one loads once through `get`, like before.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceCache } from '../../src/caches/reference-cache.js';

describe('ReferenceCache.read', () => {
  it('answers a fresh entry without a promise, loads a missing or expired one once, and counts lookups like get', async () => {
    const lookups: boolean[] = [];
    const cache = new ReferenceCache({ ttlMs: 500, onLookup: (hit) => lookups.push(hit) });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return [`list ${loads}`];
    };
    const first = cache.read('serviceTypes', 'en_US', load);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual(['list 1']);
    // Fresh: the value itself.
    expect(cache.read('serviceTypes', 'en_US', load)).toEqual(['list 1']);
    // Another language is another entry.
    expect(await cache.read('serviceTypes', 'zh_CN', load)).toEqual(['list 2']);
    // lru-cache keeps time on performance.now(), which fake timers leave alone: real time, well past the TTL.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const expired = cache.read('serviceTypes', 'en_US', load);
    expect(expired).toBeInstanceOf(Promise);
    expect(await expired).toEqual(['list 3']);
    expect(loads).toBe(3);
    expect(lookups).toEqual([false, true, false, false]);
  });
});
