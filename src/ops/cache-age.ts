/**
 * How old an answer's cached partner data is. A field served from the cross-request cache
 * (src/caches/partner-cache.ts) may be up to its kind's TTL old — a balance 10 s by default — and a client that
 * shows money should be able to say "as of 8 s ago". So a response that used any cached upstream answer carries
 *
 *   "extensions": { "cacheAge": { "seconds": 8, "byKind": { "balances": 8, "customers": 41 } } }
 *
 * `seconds` is the oldest (whole seconds, rounded down, as HTTP's `Age`); `byKind` the oldest per kind. A
 * response made only of fresh upstream reads has no `cacheAge`. Reference catalogues (hours-long TTL, not
 * business data) and closed-cycle bills (they do not change) are not counted.
 */
import type { Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';
import type { PartnerDataKind } from '../caches/partner-cache.js';
import { isAsyncIterable } from './incremental.js';

/** The oldest cached answer per kind that one request used (one per request, in its context). */
export class CacheAge {
  private readonly oldest = new Map<PartnerDataKind, number>();

  record(kind: PartnerDataKind, ageMs: number): void {
    const known = this.oldest.get(kind);
    if (known === undefined || ageMs > known) this.oldest.set(kind, ageMs);
  }

  /** The `extensions.cacheAge` value, or undefined when nothing came from the cache. */
  extension(): { seconds: number; byKind: Partial<Record<PartnerDataKind, number>> } | undefined {
    if (this.oldest.size === 0) return undefined;
    const byKind: Partial<Record<PartnerDataKind, number>> = {};
    let seconds = 0;
    for (const [kind, ms] of this.oldest) {
      const s = Math.floor(ms / 1000);
      byKind[kind] = s;
      if (s > seconds) seconds = s;
    }
    return { seconds, byKind };
  }
}

/** Adds `extensions.cacheAge` to a single result that used cached partner data. */
export function useCacheAge(): Plugin {
  return {
    onExecute({ args }) {
      const age = (args.contextValue as { cacheAge?: CacheAge }).cacheAge;
      if (!age) return undefined;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const extension = age.extension();
          if (!extension) return;
          const done = result as ExecutionResult;
          setResult({ ...done, extensions: { ...done.extensions, cacheAge: extension } });
        },
      };
    },
  };
}
