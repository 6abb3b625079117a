/**
 * The per-request context: who is asking, which language names come in, the BSS client (shared, with
 * its process-wide rate budget and token cache), the process-wide reference cache, and this request's
 * own DataLoaders, so nothing batched or cached for one request leaks into another.
 */
import type { BssClient } from './bss/client.js';
import type { Caller } from './auth/caller.js';
import { callerOf } from './auth/auth-plugin.js';
import { scopeGate, scopedBss } from './auth/scoped-bss.js';
import { boundReseller } from './auth/scope.js';
import { openCycleAt, type BillCache } from './caches/bill-cache.js';
import type { Metrics } from './ops/metrics.js';
import type { Store } from './store/index.js';
import type { ConsumptionSync } from './sync/index.js';
import type { Log } from './ops/log.js';
import type { Language } from './language.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { operationLifetime, type OperationLifetime } from './ops/operation-lifetime.js';
import type { ReferenceCache } from './caches/reference-cache.js';
import type { PartnerDataCache } from './caches/partner-cache.js';
import { cachedReads } from './loaders/cached-reads.js';
import { CacheAge } from './ops/cache-age.js';

export interface GraphLimits {
  /** Largest `first`/`last` a connection accepts. */
  readonly maxFirst: number;
  /** Edges a connection returns when neither first nor last is given. */
  readonly defaultFirst: number;
}

export const DEFAULT_LIMITS: GraphLimits = { maxFirst: 1000, defaultFirst: 20 };

/** What lives as long as the process: one per gateway. */
export interface GatewayServices {
  readonly bss: BssClient;
  /** The partner account whose credentials the gateway holds. */
  readonly partnerDomainId: string;
  readonly reference: ReferenceCache;
  readonly defaultLanguage: Language;
  readonly limits?: GraphLimits;
  /** Consumption records of closed cycles (and briefly the open one), shared across requests. */
  readonly billCache?: BillCache;
  /**
   * The state store (src/store/): synced consumption, and later idempotency records and the audit log. Absent:
   * every consumption question is a live pull.
   */
  readonly store?: Store;
  /** The background consumption sync into `store` (src/sync/): its progress is `Query.consumptionSync`. Absent: off. */
  readonly sync?: ConsumptionSync;
  /**
   * Partner data (customers, balances, resellers, orders, resources, coupons) shared across requests with a TTL
   * per kind (src/caches/partner-cache.ts; docs/deploy.md, "Every environment variable" and "Cache per replica or shared"). Absent: every request reads upstream.
   */
  readonly partnerCache?: PartnerDataCache;
  readonly metrics?: Metrics;
  readonly log?: Log;
  /**
   * The gateway's clock, which says which billing cycle is open (default: the system clock). A gateway in
   * front of a simulator anchored at another date (the tests') is given the simulator's "now".
   */
  readonly now?: () => Date;
  /** Knobs of the write path (src/resolvers/mutation/run-write.ts); absent: its defaults. */
  readonly writes?: WriteOptions;
}

/** Knobs of the write path; tests shorten the wait and give the upstream's clock. */
export interface WriteOptions {
  /** How long a request waits for another holding its idempotency key before IN_PROGRESS. Default 10 s. */
  readonly waitMs?: number;
  /** How often it looks while waiting. Default 100 ms. */
  readonly pollMs?: number;
  /** The clock a write's `sentAt` is read on: reconciliation windows are drawn on it. Default the system clock. */
  readonly clock?: () => Date;
  /** How long a key in progress may stand untouched before its holder counts as gone (store/idempotency.ts). Default 15 min. */
  readonly staleAfterMs?: number;
}

export interface GraphQLContext extends GatewayServices {
  /** Who is asking (API key → role, reseller scope, PII permission). */
  readonly caller: Caller;
  /** Language of localised names (service types, regions, …): `Accept-Language` or the configured default. */
  readonly language: Language;
  readonly limits: GraphLimits;
  readonly loaders: Loaders;
  /** Ends with the operation (src/ops/operation-lifetime.ts): upstream work started for it stops then. */
  readonly lifetime: OperationLifetime;
  /** The personal data this request has revealed and logged (src/auth/pii.ts): each is logged once. */
  readonly piiReveals: Set<string>;
  /** How old the cached partner data this answer used is (`extensions.cacheAge`, src/ops/cache-age.ts). */
  readonly cacheAge: CacheAge;
}

/**
 * The open (current) billing cycle, UTC+8, by the gateway's clock: the bill cache's when there is one (it
 * decides which cycles it keeps as closed), else `now`, else the system clock. GraphQL and the export both
 * refuse a cycle after it, so the two agree on what "future" means.
 */
export function openCycleOf(services: Pick<GatewayServices, 'billCache' | 'now'>): string {
  return services.billCache?.openCycle() ?? openCycleAt(services.now?.() ?? new Date());
}

/** `Accept-Language: en` → en_US; anything Chinese → zh_CN; otherwise the configured default. */
export function languageFrom(header: string | null, fallback: Language): Language {
  if (!header) return fallback;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en_US';
  if (first.startsWith('zh')) return 'zh_CN';
  return fallback;
}

export function createContext(services: GatewayServices, request: Request): GraphQLContext {
  const language = languageFrom(request.headers.get('accept-language'), services.defaultLanguage);
  const caller = callerOf(request);
  const cacheAge = new CacheAge();
  // Partner data from the cross-request cache, keyed by the caller's scope (a reseller never reads another's entry).
  const reseller = boundReseller(caller);
  const lifetime = operationLifetime(request);
  // This request's upstream calls queue fairly as its API key's (src/bss/fair-queue.ts) and end with the operation
  // or a disconnect, giving their queued places back at once.
  const reads = cachedReads(services.bss, services.partnerCache, {
    scope: reseller === null ? 'partner' : `reseller:${reseller}`,
    reseller,
    ages: cacheAge,
    request: { tenant: `key:${caller.name}`, signal: lifetime.signal },
  });
  // A reseller's calls go through the scope guard (src/auth/scoped-bss.ts), above the cache, so it checks every
  // call, hit or miss; everyone else's straight through.
  const bss = scopedBss(reads, caller);
  // And its reads of the shared bill cache through the same scope: a hit makes no call for the guard to see.
  const billCache = services.billCache?.gated(scopeGate(bss));
  return {
    ...services,
    bss,
    billCache,
    caller,
    language,
    limits: services.limits ?? DEFAULT_LIMITS,
    lifetime,
    piiReveals: new Set(),
    cacheAge,
    loaders: createLoaders({ bss, language, partnerDomainId: services.partnerDomainId, billCache, signal: lifetime.signal }),
  };
}
