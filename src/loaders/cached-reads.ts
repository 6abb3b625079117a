/**
 * The BSS client a request's sources and loaders use, with partner-data reads answered from the process-wide
 * PartnerDataCache (src/caches/partner-cache.ts): which operation is which kind of data, what names the
 * customers and resellers an answer is about, and which writes make which kinds stale.
 *
 * It wraps the shared client like the reseller guard does (a prototype view whose `call` is replaced), so
 * `paginate` and `pages` walk through it too, and the guard, placed above it, still checks every call of a
 * reseller key before the cache is asked. The key holds the caller's scope, the operation, the credentials
 * (a customer token's customer), the language and the request: a different page or filter is another entry.
 *
 * A write through this client drops the kinds it can change (all scopes) whether it succeeded or not (an
 * answer lost in transit may still have applied), and answers only once a shared level (other replicas) has
 * dropped them too (bounded: a store that is down delays a write by at most the cache's settle bound). Writes
 * made elsewhere call the cache's invalidate* methods.
 */
import type { BssClient, CallOptions } from '../bss/client.js';
import type { OperationSpec } from '../bss/operations/spec.js';
import { runShared } from '../bss/shared-load.js';
import type { PartnerCacheTags, PartnerDataCache, PartnerDataKind } from '../caches/partner-cache.js';

/** Read operations whose answers are partner data, by kind. Anything not listed is never cached here. */
export const KIND_OF_READ: Readonly<Record<string, PartnerDataKind>> = {
  ListSubCustomers: 'customers',
  ListSubCustomerNewTag: 'customers',
  ListCustomersBalancesDetail: 'balances',
  ShowCustomerAccountBalances: 'balances',
  ListPartnerBalances: 'balances',
  ListIndirectPartners: 'resellers',
  ListCustomerOrders: 'orders',
  ShowCustomerOrderDetails: 'orders',
  ShowRefundOrderDetails: 'orders',
  ListOrderCouponsByOrderId: 'orders',
  ListOrderDiscounts: 'orders',
  ListPayPerUseCustomerResources: 'resources',
  ListCustomerOnDemandResources: 'resources',
  ListIssuedPartnerCoupons: 'coupons',
  ListPartnerCouponsRecord: 'coupons',
  ListSubCustomerCoupons: 'coupons',
  ListQuotaCoupons: 'coupons',
  ListIssuedCouponQuotas: 'coupons',
  ListCouponQuotasRecords: 'coupons',
  ListCustomerCouponChangeRecords: 'coupons',
};

/**
 * Reads whose answers hold personal data (docs/security.md, "Personal data": the fields the gateway masks):
 * customers' and resellers' names, login names, phone numbers and e-mails, an order's creator, a reseller's
 * name on a coupon quota. Cached in this process like the others, but kept out of the cache's level shared
 * through PostgreSQL unless the deployment allows it (PARTNER_GRAPH_CACHE_SHARE_PERSONAL_DATA).
 */
export const PERSONAL_DATA_READS: ReadonlySet<string> = new Set([
  'ListSubCustomers', // account_name, name, telephone, email
  'ListIndirectPartners', // account_name, name, mobile_phone, email
  'ShowCustomerOrderDetails', // user_name
  'ListIssuedCouponQuotas', // indirect_partner_account_name, indirect_partner_name
  'ListCouponQuotasRecords', // operator, indirect_partner_account_name, indirect_partner_name
  'ListCustomerCouponChangeRecords', // account_name
]);

const MONEY: PartnerDataKind[] = ['balances', 'orders', 'resources', 'coupons'];

/** The kinds each write can change. A write not listed drops every kind (safe for a write added later). */
export const KINDS_A_WRITE_CHANGES: Readonly<Record<string, readonly PartnerDataKind[]>> = {
  UpdateCustomerAccountAmount: ['balances'],
  ReclaimToPartnerAccount: ['balances'],
  UpdateIndirectPartnerAccount: ['balances', 'resellers'],
  ReclaimIndirectPartnerAccount: ['balances', 'resellers'],
  CreateSubCustomer: ['customers', 'resellers'],
  CreatePartnerCoupons: ['coupons'],
  ReclaimPartnerCoupons: ['coupons'],
  UpdateCouponQuotas: ['coupons'],
  ReclaimCouponQuotas: ['coupons'],
  CancelCustomerOrder: MONEY,
  PayOrders: MONEY,
  RenewalResources: MONEY,
  CancelResourcesSubscription: MONEY,
  UpdatePeriodToOnDemand: MONEY,
  SetResourcesRenewConfig: ['resources'],
  AutoRenewalResources: ['resources'],
  CancelAutoRenewalResources: ['resources'],
  BatchSetSubCustomerDiscount: [],
  CreatePersonalRealnameAuth: ['customers'],
  CreateEnterpriseRealnameAuthentication: ['customers'],
  ChangeEnterpriseRealnameAuthentication: ['customers'],
};

/** Where a request notes the age of each cached answer it used (src/ops/cache-age.ts `CacheAge`). */
export interface CachedAgeRecorder {
  record(kind: PartnerDataKind, ageMs: number): void;
}

export interface CachedReadsOptions {
  /** The caller's scope: `partner`, or `reseller:<id>` (src/auth/scope.ts decides which). Part of every key. */
  readonly scope: string;
  /** A reseller key's reseller: its entries are tagged with it, so `invalidateReseller` drops all it read. */
  readonly reseller?: string | null;
  /** Told of every answer served from an entry, with its kind and age (for `extensions.cacheAge`). */
  readonly ages?: CachedAgeRecorder;
  /**
   * Whose request this is: the calls go through `bss.forRequest(request)` (fair queueing per key, the request's
   * signal). Made here rather than by the caller so the view stands on `bss` itself (see `cachedReads`).
   */
  readonly request?: { readonly tenant: string; readonly signal?: AbortSignal | undefined };
}

/** Customer and reseller ids named in a request or an answer (fields `customer_id(s)`, `indirect_partner_id`), a few levels down. */
export function tagsOf(req: unknown, res: unknown, opts: CallOptions): PartnerCacheTags {
  const customers = new Set<string>();
  const resellers = new Set<string>();
  if (opts.customerId) customers.add(opts.customerId);
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      if (name === 'customer_id' && typeof field === 'string') customers.add(field);
      else if (name === 'customer_ids' && Array.isArray(field)) {
        for (const id of field) if (typeof id === 'string') customers.add(id);
      } else if (name === 'indirect_partner_id' && typeof field === 'string') resellers.add(field);
      else if (typeof field === 'object') visit(field, depth + 1);
    }
  };
  visit(req, 0);
  visit(res, 0);
  return { customers: [...customers], resellers: [...resellers] };
}

const STATE = Symbol('cached reads');

interface CachedView extends BssClient {
  [STATE]: { readonly inner: BssClient; readonly cache: PartnerDataCache; readonly options: CachedReadsOptions };
}

/**
 * The view's `call`: one function shared by every request's view (a view is made per request; a closure per
 * request cost a function object each time), reading its request's state from the view.
 */
async function cachedCall<Req, Res>(this: CachedView, op: OperationSpec<Req, Res>, req: Req, opts: CallOptions = {}): Promise<Res> {
  const { inner: bss, cache, options } = this[STATE];
  if (op.kind === 'write') {
    try {
      return await bss.call(op, req, opts);
    } finally {
      const kinds = KINDS_A_WRITE_CHANGES[op.name];
      if (kinds === undefined) cache.invalidateAll();
      else if (kinds.length > 0) cache.invalidateKind(...kinds);
      // With a shared level: the rows are deleted before the write answers, so no replica's next read finds them.
      await cache.settled();
    }
  }
  const kind = KIND_OF_READ[op.name];
  if (kind === undefined || !cache.caches(kind)) return bss.call(op, req, opts);
  // Requests are built field by field in a fixed order (as the per-request readOnce relies on): stable JSON.
  const key = `${op.name}\u0000${opts.customerId ?? ''}\u0000${opts.language ?? ''}\u0000${JSON.stringify(req)}`;
  const answer = await cache.get<Res>(
    { kind, scope: options.scope, key, personal: PERSONAL_DATA_READS.has(op.name) },
    // Shared work: bound to the cache's signal (aborted once no waiter is left), not to the request that started it.
    // A background refresh (nobody waits for it) queues in the rate budget after interactive calls until joined.
    (signal, backgroundUntil) => runShared(async () => {
      const value = await bss.call(op, req, { ...opts, signal, backgroundUntil });
      const tags = tagsOf(req, value, opts);
      return { value, tags: options.reseller ? { ...tags, resellers: [...tags.resellers, options.reseller] } : tags };
    }),
    // The request's own lifetime when the call names none (a request view's): a cancelled request stops waiting,
    // and a load nobody waits for any more stops (src/caches/partner-cache.ts).
    opts.signal ?? bss.requestSignal,
  );
  if (answer.cached) options.ages?.record(kind, answer.ageMs);
  return answer.value;
}

/**
 * The client a request uses with the cross-request cache under it; `bss` itself (or its request view, with
 * `options.request`) when there is no cache.
 *
 * With `options.request`, the view's prototype is `bss` (the process's client) and its `tenant` and `requestSignal`
 * are the request view's: built on a request view made just before, every request made a fresh object a prototype,
 * which costs V8 a new map per request and leaves every call site that meets the view a new shape (2.5 % of a cached
 * request's CPU in bench/hot-path.ts). Everything but `call` reads the same either way.
 */
export function cachedReads(bss: BssClient, cache: PartnerDataCache | undefined, options: CachedReadsOptions): BssClient {
  const inner = options.request ? bss.forRequest(options.request) : bss;
  if (!cache) return inner;
  const view = Object.create(bss) as CachedView;
  if (inner !== bss) {
    const own = view as { tenant: string; requestSignal: AbortSignal | undefined };
    own.tenant = inner.tenant;
    own.requestSignal = inner.requestSignal;
  }
  view[STATE] = { inner, cache, options };
  view.call = cachedCall;
  return view;
}
