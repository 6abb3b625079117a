/**
 * Request-scoped loaders of the partner endpoints (bss-api-partners.md §5.3): customers, resellers,
 * customer balances and new-customer tags, coupons, coupon records and coupon quotas.
 *
 * - Id-list endpoints batch at their maximum, per scope (a distributor names one reseller per call):
 *   customer balances ≤ 100, new-customer tags ≤ 200, coupon quotas ≤ 50 (per quota type), coupon
 *   records ≤ 100 (paged until `total_count`, one coupon having several records).
 * - Everything else has no id list: the loader de-duplicates, one call per distinct key.
 * - Lists prime these loaders (in the resolvers), so an edge back to something already listed is free.
 *
 * Keys of scoped things are `id` or `id@reseller` (see `scopedKey`). A failed upstream call fails only
 * the keys it was about, as an Error in their slot, so one reseller's trouble does not fail another's.
 */
import DataLoader from 'dataloader';
import { fetchCoupon, fetchCouponRecords, fetchHeldCoupon, type CouponRecordShape, type CouponShape, type HeldCouponShape } from '../sources/coupons.js';
import { fetchIssuedQuota, fetchQuotas, parseQuotaKey, quotaKey, type CouponQuotaShape } from '../sources/coupon-quotas.js';
import { chunks } from '../sources/wire.js';
import {
  customerKey, fetchAllCustomersOfScope, fetchCustomerBalances, fetchNewCustomerTags, fetchOwnBalances, findCustomers,
  type CustomerBalanceShape, type CustomerOwnBalancesShape, type CustomerShape, type NewCustomerTagShape,
} from '../sources/customers.js';
import { fetchAllIndirectPartners, fetchIndirectPartner, type IndirectPartnerShape } from '../sources/indirect-partners.js';
import { parseScopedKey, scopedKey, type Scope } from '../sources/wire.js';
import {
  ListCustomersBalancesDetail, ListPartnerCouponsRecord, ListQuotaCoupons, ListSubCustomerNewTag,
} from '../bss/operations/partners/index.js';
import type { CallOptions } from '../bss/client.js';
import type { OperationSpec } from '../bss/operations/spec.js';
import type { LoaderContext } from './loader-context.js';

export interface PartnerLoaders {
  /**
   * A partner-endpoint read made at most once per request: the same operation with the same request (a
   * page of a list, with its filters) asked again anywhere in the query reuses the first answer, so
   * nesting a list under itself costs nothing more.
   */
  readonly readOnce: <Req, Res>(op: OperationSpec<Req, Res>, req: Req, opts?: CallOptions) => Promise<Res>;
  /** Gives `readOnce` an answer without a call: a replayed write's stored objects answer the fields under it. */
  readonly primeRead: <Req, Res>(op: OperationSpec<Req, Res>, req: Req, res: Res, opts?: CallOptions) => void;
  /** Forgets every `readOnce` answer of these operations: a write changed what they said (read your writes). */
  readonly forgetReads: (operationNames: readonly string[]) => void;
  /**
   * A customer by `customerId` (searched: the partner's own scope first, then the resellers') or by
   * `customerId@reseller` (one call in that scope). ListSubCustomers has no id list (§5.3).
   */
  readonly customer: DataLoader<string, CustomerShape | null>;
  /** A reseller by id: one ListIndirectPartners call per id, or none once every reseller was listed. */
  readonly indirectPartner: DataLoader<string, IndirectPartnerShape | null>;
  /** Every reseller, walked once per request (ListIndirectPartners in pages of 100); primes `indirectPartner`. */
  readonly allIndirectPartners: () => Promise<IndirectPartnerShape[]>;
  /** Every customer of a scope, walked once per request (ListSubCustomers in pages of 100); primes `customer`. */
  readonly allCustomersOf: (scope: Scope) => Promise<CustomerShape[]>;
  /** The partner's view of a resale customer's balance, by customer key: ≤ 100 per call and scope (§2.5). */
  readonly customerBalance: DataLoader<string, CustomerBalanceShape | null>;
  /** A customer's SMB new-customer tag, by customer key: ≤ 200 per call and scope, `limit` = ids (§2.4). */
  readonly newCustomerTag: DataLoader<string, NewCustomerTagShape | null>;
  /** The customer's own balances, by customer id, through its token (§2.6): one call per customer. */
  readonly customerOwnBalances: DataLoader<string, CustomerOwnBalancesShape>;
  /** An issued coupon by `couponKey`: one ListIssuedPartnerCoupons call per id (§3.1). */
  readonly coupon: DataLoader<string, CouponShape | null>;
  /** A coupon as its holder sees it, by `encodeHeldCouponKey`: one ListSubCustomerCoupons call per id, through the token (§3.5); primed by lists. */
  readonly heldCoupon: DataLoader<string, HeldCouponShape | null>;
  /** Every issue/reclaim record of a coupon, by `couponKey`: ≤ 100 coupons per walk and scope (§3.4). */
  readonly couponRecords: DataLoader<string, CouponRecordShape[]>;
  /** A coupon quota by `quotaKey`: ≤ 50 per call, per scope and quota type (§1.7). */
  readonly couponQuota: DataLoader<string, CouponQuotaShape | null>;
  /** A reseller-side quota as the distributor sees it (with its parent), by quota id: one call per id (§1.11). */
  readonly issuedCouponQuota: DataLoader<string, CouponQuotaShape | null>;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Keys grouped by the group a call can serve (a scope, or a scope and quota type), ids de-duplicated. */
function groupBy<G>(keys: readonly string[], parse: (key: string) => { group: string; value: G; id: string } | null): Map<string, { value: G; ids: string[] }> {
  const groups = new Map<string, { value: G; ids: string[] }>();
  for (const key of keys) {
    const parsed = parse(key);
    if (!parsed) continue;
    let group = groups.get(parsed.group);
    if (!group) groups.set(parsed.group, (group = { value: parsed.value, ids: [] }));
    if (!group.ids.includes(parsed.id)) group.ids.push(parsed.id);
  }
  return groups;
}

const byScope = (key: string) => {
  const { id, scope } = parseScopedKey(key);
  return { group: scope ?? '', value: scope, id };
};

/**
 * A batch over an id-list endpoint: one call per (group, chunk of `max` ids), concurrently; each call's
 * rows are keyed back, and a failed call fails only its own chunk's keys.
 */
async function batchByIds<G, Row>(
  keys: readonly string[],
  max: number,
  parse: (key: string) => { group: string; value: G; id: string } | null,
  fetch: (group: G, ids: string[]) => Promise<Row[]>,
  rowId: (row: Row) => string,
  keyOf: (group: G, id: string) => string,
): Promise<Map<string, Row[] | Error>> {
  const out = new Map<string, Row[] | Error>();
  const calls: Promise<void>[] = [];
  for (const { value, ids } of groupBy(keys, parse).values()) {
    for (const chunk of chunks(ids, max)) {
      calls.push(
        fetch(value, chunk).then(
          (rows) => {
            for (const row of rows) {
              const k = keyOf(value, rowId(row));
              const list = out.get(k);
              if (Array.isArray(list)) list.push(row);
              else out.set(k, [row]);
            }
          },
          (error: unknown) => {
            for (const id of chunk) out.set(keyOf(value, id), asError(error));
          },
        ),
      );
    }
  }
  await Promise.all(calls);
  return out;
}

export function createPartnerLoaders(ctx: LoaderContext): PartnerLoaders {
  const reads = new Map<string, Promise<unknown>>();
  // Requests are built field by field in a fixed order, so their JSON is a stable key.
  const readKey = (op: OperationSpec, req: unknown, opts: CallOptions): string =>
    `${op.name}\u0000${opts.customerId ?? ''}\u0000${opts.language ?? ''}\u0000${JSON.stringify(req)}`;
  const readOnce = <Req, Res>(op: OperationSpec<Req, Res>, req: Req, opts: CallOptions = {}): Promise<Res> => {
    const key = readKey(op, req, opts);
    let read = reads.get(key) as Promise<Res> | undefined;
    if (!read) reads.set(key, (read = ctx.bss.call(op, req, opts)));
    return read;
  };
  const primeRead = <Req, Res>(op: OperationSpec<Req, Res>, req: Req, res: Res, opts: CallOptions = {}): void => {
    const key = readKey(op, req, opts);
    if (!reads.has(key)) reads.set(key, Promise.resolve(res));
  };
  const forgetReads = (operationNames: readonly string[]): void => {
    for (const key of [...reads.keys()]) if (operationNames.includes(key.slice(0, key.indexOf('\u0000')))) reads.delete(key);
  };

  let everyReseller: Promise<IndirectPartnerShape[]> | undefined;

  const indirectPartner = new DataLoader<string, IndirectPartnerShape | null>(async (ids) => {
    // Once the whole list was read in this request, it answers every id without a call.
    const all = everyReseller ? await everyReseller.catch(() => undefined) : undefined;
    return Promise.all(
      ids.map((id) =>
        all ? (all.find((p) => p.indirectPartnerId === id) ?? null) : fetchIndirectPartner(ctx, id).catch(asError),
      ),
    );
  });

  const allIndirectPartners = (): Promise<IndirectPartnerShape[]> => {
    everyReseller ??= fetchAllIndirectPartners(ctx).then((all) => {
      for (const p of all) indirectPartner.prime(p.indirectPartnerId, p);
      return all;
    });
    return everyReseller;
  };

  const everyCustomer = new Map<string, Promise<CustomerShape[]>>();
  const allCustomersOf = (scope: Scope): Promise<CustomerShape[]> => {
    let all = everyCustomer.get(scope ?? '');
    if (!all) {
      everyCustomer.set(scope ?? '', (all = fetchAllCustomersOfScope(ctx, scope).then((cs) => {
        // As primeCustomer does: by bare id, and a reseller's customer by its scoped key too.
        for (const c of cs) {
          customer.prime(c.customerId, c);
          if (c.indirectPartnerId) customer.prime(customerKey(c), c);
        }
        return cs;
      })));
    }
    return all;
  };

  const newCustomerTag = new DataLoader<string, NewCustomerTagShape | null>(async (keys) => {
    const rows = await batchByIds(
      keys,
      ListSubCustomerNewTag.batch!.max,
      byScope,
      (scope: Scope, ids) => fetchNewCustomerTags(ctx, scope, ids),
      (row) => row.customerId,
      (scope, id) => scopedKey(id, scope),
    );
    return keys.map((k) => firstOf(rows.get(normalise(k))));
  });

  const customer = new DataLoader<string, CustomerShape | null>(async (keys) => {
    const found = await findCustomers(ctx, keys, {
      allIndirectPartners,
      primeTag: (key, tag) => void newCustomerTag.prime(key, tag),
    });
    return keys.map((k) => found.get(k) ?? found.get(normalise(k)) ?? null);
  });

  const customerBalance = new DataLoader<string, CustomerBalanceShape | null>(async (keys) => {
    const rows = await batchByIds(
      keys,
      ListCustomersBalancesDetail.batch!.max,
      byScope,
      (scope: Scope, ids) => fetchCustomerBalances(ctx, scope, ids),
      (row) => row.customerId,
      (scope, id) => scopedKey(id, scope),
    );
    // A customer the upstream silently left out (consultative, or not the scope's) has no balance: null.
    return keys.map((k) => firstOf(rows.get(normalise(k))));
  });

  const customerOwnBalances = new DataLoader<string, CustomerOwnBalancesShape>((ids) =>
    Promise.all(ids.map((id) => fetchOwnBalances(ctx, id).catch(asError))),
  );

  const coupon = new DataLoader<string, CouponShape | null>((keys) => Promise.all(keys.map((k) => fetchCoupon(ctx, k).catch(asError))));

  const heldCoupon = new DataLoader<string, HeldCouponShape | null>((keys) => Promise.all(keys.map((k) => fetchHeldCoupon(ctx, k).catch(asError))));

  const couponRecords = new DataLoader<string, CouponRecordShape[]>(async (keys) => {
    const rows = await batchByIds(
      keys,
      ListPartnerCouponsRecord.batch!.max,
      byScope,
      (scope: Scope, ids) => fetchCouponRecords(ctx, scope, ids),
      (row) => row.couponId ?? '',
      (scope, id) => scopedKey(id, scope),
    );
    return keys.map((k) => {
      const list = rows.get(normalise(k));
      return list instanceof Error ? list : (list ?? []);
    });
  });

  const couponQuota = new DataLoader<string, CouponQuotaShape | null>(async (keys) => {
    const rows = await batchByIds(
      keys,
      ListQuotaCoupons.batch!.max,
      (key) => {
        const q = parseQuotaKey(key);
        return q ? { group: `${q.quotaType}:${q.indirectPartnerId ?? ''}`, value: { scope: q.indirectPartnerId, quotaType: q.quotaType }, id: q.quotaId } : null;
      },
      (g, ids) => fetchQuotas(ctx, g.scope, g.quotaType, ids),
      (row) => row.quotaId,
      // Keyed by the group asked for: a quota answers under the type and scope it was asked in.
      (g, id) => quotaKey({ quotaId: id, quotaType: g.quotaType, indirectPartnerId: g.scope }),
    );
    return keys.map((k) => {
      const q = parseQuotaKey(k);
      return q ? firstOf(rows.get(quotaKey(q))) : null;
    });
  });

  const issuedCouponQuota = new DataLoader<string, CouponQuotaShape | null>((ids) => Promise.all(ids.map((id) => fetchIssuedQuota(ctx, id).catch(asError))));

  return {
    readOnce, primeRead, forgetReads, customer, indirectPartner, allIndirectPartners, allCustomersOf, customerBalance, newCustomerTag, customerOwnBalances, coupon, heldCoupon, couponRecords, couponQuota,
    issuedCouponQuota,
  };
}

/** A key in the form rows are keyed by (`id` or `id@scope`, never `id@`). */
function normalise(key: string): string {
  const { id, scope } = parseScopedKey(key);
  return scopedKey(id, scope);
}

function firstOf<Row>(rows: Row[] | Error | undefined): Row | null | Error {
  if (rows instanceof Error) return rows;
  return rows?.[0] ?? null;
}
