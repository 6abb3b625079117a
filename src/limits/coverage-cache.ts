/**
 * The store's consumption coverage for the cost estimate, read at most once per few seconds per store and
 * shared by every request (a sync completes cycles in minutes; an estimate a few seconds behind it only prices
 * a just-completed cycle as live). Concurrent requests share one read.
 */
import { LRUCache } from 'lru-cache';
import { readConsumptionCoverage, type ConsumptionCoverage, type Store } from '../store/index.js';

const TTL_MS = 5_000;
const caches = new WeakMap<Store, LRUCache<'coverage', ConsumptionCoverage>>();

export function consumptionCoverage(store: Store): Promise<ConsumptionCoverage | undefined> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new LRUCache<'coverage', ConsumptionCoverage>({ max: 1, ttl: TTL_MS, fetchMethod: () => readConsumptionCoverage(store) });
    caches.set(store, cache);
  }
  return cache.fetch('coverage');
}

/** The coverage read less than a few seconds ago, if any: nothing to wait for (the usual case under load). */
export function knownCoverage(store: Store): ConsumptionCoverage | undefined {
  return caches.get(store)?.get('coverage');
}
