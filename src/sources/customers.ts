/**
 * Customers of the partner and of its resellers as the upstream reports them, what the partner sees of their
 * funds, and what the customer sees of its own (through a customer token).
 *
 * Upstream (bss-api-partners.md): ListSubCustomers §2.2 (list, search, one exact `customer_id`),
 * ListSubCustomerNewTag §2.4 (≤ 200 ids), ListCustomersBalancesDetail §2.5 (≤ 100 ids),
 * ShowCustomerAccountBalances §2.6 and ListCustomerAccountChangeRecords §2.7 (customer credentials).
 *
 * A customer belongs to exactly one scope: the partner's own, or one reseller's. Every partner-side
 * call about it must name that scope (`indirect_partner_id`), so the shape carries it.
 */
import type { Decimal } from 'decimal.js';
import { BssError } from '../bss/errors.js';
import {
  ListCustomerAccountChangeRecords, ListCustomersBalancesDetail, ListSubCustomerNewTag, ListSubCustomers, ShowCustomerAccountBalances,
  type CustomerAccountChangeRecord, type CustomerInformation, type CustomerTradeType, type NewCustomerTagItem,
} from '../bss/operations/partners/index.js';
import { toDecimalOrNull } from '../bss/money.js';
import type { IndirectPartnerShape } from './indirect-partners.js';
import { listEndpoint, type Upstream } from './list-endpoint.js';
import { toAccountBalance, type AccountBalance, type LedgerWindow } from './partner-funds.js';
import {
  asError, chunks, nonEmpty, parseScopedKey, parseWireTime, scopedKey, textOrNull, wireMonth, wireTime,
  type Scope,
} from './wire.js';

/** A customer as the graph carries it: the wire record in camelCase plus the scope it was found in. */
export interface CustomerShape {
  readonly customerId: string;
  readonly accountName: string;
  /** Real-name-authentication name. */
  readonly name: string | null;
  /** `"1"` consultative sales, `"2"` resale; other codes pass through. */
  readonly associationType: string | null;
  readonly associatedOn: Date | null;
  readonly label: string | null;
  readonly telephone: string | null;
  readonly countryCode: string | null;
  readonly email: string | null;
  readonly verifiedStatus: string | null;
  readonly customerType: number | null;
  readonly isFrozen: number | null;
  readonly customerLevel: string | null;
  readonly accountManagers: readonly string[];
  readonly xaccountId: string | null;
  readonly xaccountType: string | null;
  /** The reseller whose customer this is (the scope it was listed in), or null for the partner's own. */
  readonly indirectPartnerId: string | null;
}

export function toCustomerShape(c: CustomerInformation, indirectPartnerId: string | null): CustomerShape {
  return {
    customerId: c.customer_id,
    accountName: c.account_name,
    name: textOrNull(c.customer),
    associationType: textOrNull(c.association_type),
    associatedOn: parseWireTime(c.associated_on),
    label: textOrNull(c.label),
    telephone: textOrNull(c.telephone),
    countryCode: textOrNull(c.country_code),
    email: textOrNull(c.email),
    verifiedStatus: textOrNull(c.verified_status),
    customerType: c.customer_type ?? null,
    isFrozen: c.is_frozen ?? null,
    customerLevel: textOrNull(c.customer_level),
    accountManagers: (c.account_managers ?? []).flatMap((m) => (m.account_name ? [m.account_name] : [])),
    xaccountId: textOrNull(c.xaccount_id),
    xaccountType: textOrNull(c.xaccount_type),
    indirectPartnerId: indirectPartnerId || null,
  };
}

/** The loader key (and global id) of a customer: `customerId`, or `customerId@reseller` for a reseller's. */
export const customerKey = (c: Pick<CustomerShape, 'customerId' | 'indirectPartnerId'>): string => scopedKey(c.customerId, c.indirectPartnerId);

/** `association_type` "1": the partner sees neither its balance nor its coupons (§0.1). */
export const isConsultative = (c: Pick<CustomerShape, 'associationType'>): boolean => c.associationType === '1';

// ---------------------------------------------------------------------------------------------------------
// Lists (§2.2)

export interface CustomerFilters {
  readonly accountName?: string | null;
  readonly name?: string | null;
  readonly label?: string | null;
  readonly associationType?: '1' | '2' | undefined;
  readonly associatedFrom?: Date | null;
  readonly associatedTo?: Date | null;
}

export const subCustomersList = (scope: Scope, f: CustomerFilters) =>
  listEndpoint({
    op: ListSubCustomers,
    request: (offset, limit) => ({
      body: {
        account_name: nonEmpty(f.accountName),
        customer: nonEmpty(f.name),
        label: nonEmpty(f.label),
        association_type: f.associationType,
        associated_on_begin: wireTime(f.associatedFrom),
        associated_on_end: wireTime(f.associatedTo),
        indirect_partner_id: scope ?? undefined,
        offset,
        limit,
      },
    }),
    page: (res) => ({ items: (res.customer_infos ?? []).map((c) => toCustomerShape(c, scope)), total: res.count ?? null }),
  });

// ---------------------------------------------------------------------------------------------------------
// Lookup by id (§2.2 exact `customer_id`, one call per id and scope: there is no id-list lookup)

/** One customer in one scope, by the exact `customer_id` filter. */
export async function fetchCustomerInScope(ctx: Upstream, customerId: string, scope: Scope): Promise<CustomerShape | null> {
  const res = await ctx.bss.call(ListSubCustomers, { body: { customer_id: customerId, indirect_partner_id: scope ?? undefined, offset: 0, limit: 1 } });
  const found = res.customer_infos?.find((c) => c.customer_id === customerId);
  return found ? toCustomerShape(found, scope) : null;
}

/** The ListSubCustomers request that walks a whole scope at the largest page (100). */
const wholeScope = (scope: Scope) => ({ body: { indirect_partner_id: scope ?? undefined, offset: 0, limit: ListSubCustomers.page!.maxLimit } });

/** Every customer of one scope (ListSubCustomers, pages of 100: ceil(n / 100) calls, one when empty). */
export async function fetchAllCustomersOfScope(ctx: Upstream, scope: Scope, signal?: AbortSignal): Promise<CustomerShape[]> {
  const { items } = await ctx.bss.paginate(ListSubCustomers, wholeScope(scope), { signal });
  return items.map((c) => toCustomerShape(c, scope));
}

/** The same walk, customer by customer as each page arrives (whole-month pulls start on the first page). */
export async function* customersOfScope(ctx: Upstream, scope: Scope, signal?: AbortSignal): AsyncGenerator<CustomerShape> {
  for await (const page of ctx.bss.pages(ListSubCustomers, wholeScope(scope), { signal })) {
    for (const c of page.items) yield toCustomerShape(c, scope);
  }
}

export interface CustomerSearch {
  /** Every reseller, walked once per request. */
  readonly allIndirectPartners: () => Promise<IndirectPartnerShape[]>;
  /** Tags read while probing reseller scopes, so `newCustomerTag` of a found customer costs nothing more. */
  readonly primeTag: (key: string, tag: NewCustomerTagShape) => void;
}

/**
 * Customers by loader key. A scoped key (`id@reseller`, from a global id or an explicit reseller) costs
 * one call in that scope. A plain id is looked for in the partner's own scope first (one call per id);
 * ids not found there are looked for in the resellers' scopes:
 *
 * - one id: one exact-filter call per reseller, concurrently;
 * - several ids: one ListSubCustomerNewTag call per reseller (≤ 200 ids each), which answers only for
 *   that reseller's own customers (§2.4: other ids are silently dropped), then one exact call per id
 *   found. The tags read on the way prime the new-customer-tag loader.
 *
 * A failed call fails only the ids it was about; a search that could not ask every reseller fails the
 * ids it did not find, instead of claiming they do not exist.
 */
export async function findCustomers(ctx: Upstream, keys: readonly string[], search: CustomerSearch): Promise<Map<string, CustomerShape | null | Error>> {
  const found = new Map<string, CustomerShape | null | Error>();
  const plain: string[] = [];
  const scoped: { key: string; id: string; scope: string }[] = [];
  for (const key of new Set(keys)) {
    const { id, scope } = parseScopedKey(key);
    if (scope) scoped.push({ key, id, scope });
    else if (!plain.includes(id)) plain.push(id);
  }

  const direct = scoped.map(({ key, id, scope }) =>
    fetchCustomerInScope(ctx, id, scope).then((c) => void found.set(key, c), (e: unknown) => void found.set(key, asError(e))),
  );
  const missing: string[] = [];
  const own = plain.map((id) =>
    fetchCustomerInScope(ctx, id, null).then(
      (c) => (c ? void found.set(id, c) : void missing.push(id)),
      (e: unknown) => void found.set(id, asError(e)),
    ),
  );
  await Promise.all([...direct, ...own]);
  if (missing.length === 0) return found;

  let resellers: IndirectPartnerShape[];
  try {
    resellers = await search.allIndirectPartners();
  } catch (error) {
    // [inferred] A solution provider (not a distributor) is refused the reseller list with 403 (CBC.0151,
    // §1.1 "distributor only"): it has no resellers, so an id not in its own scope is simply not its customer.
    if (!(error instanceof BssError && error.kind === 'upstream' && error.httpStatus === 403)) {
      for (const id of missing) found.set(id, asError(error));
      return found;
    }
    resellers = [];
  }
  const failures: Error[] = [];
  const record = (id: string, c: CustomerShape | null): void => {
    if (c) found.set(id, c);
  };
  if (missing.length === 1) {
    const id = missing[0]!;
    await Promise.all(resellers.map((r) => fetchCustomerInScope(ctx, id, r.indirectPartnerId).then((c) => record(id, c), (e: unknown) => void failures.push(asError(e)))));
  } else {
    await Promise.all(
      resellers.map(async (r) => {
        const scope = r.indirectPartnerId;
        try {
          const members: string[] = [];
          for (const chunk of chunks(missing, ListSubCustomerNewTag.batch!.max)) {
            for (const tag of await fetchNewCustomerTags(ctx, scope, chunk)) {
              members.push(tag.customerId);
              search.primeTag(scopedKey(tag.customerId, scope), tag);
            }
          }
          await Promise.all(members.map((id) => fetchCustomerInScope(ctx, id, scope).then((c) => record(id, c))));
        } catch (error) {
          failures.push(asError(error));
        }
      }),
    );
  }
  for (const id of missing) if (!found.has(id)) found.set(id, failures[0] ?? null);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Balances as the partner sees them (§2.5) and new-customer tags (§2.4)

export interface CustomerBalanceShape {
  readonly customerId: string;
  readonly amount: Decimal | null;
  readonly debtAmount: Decimal | null;
  readonly currency: string | null;
  readonly measureId: number | null;
}

/** Balances of ≤ 100 resale customers of one scope, in one call; other ids are silently left out (§2.5). */
export async function fetchCustomerBalances(ctx: Upstream, scope: Scope, customerIds: readonly string[]): Promise<CustomerBalanceShape[]> {
  const res = await ctx.bss.call(ListCustomersBalancesDetail, {
    body: { customer_infos: customerIds.map((customer_id) => ({ customer_id })), indirect_partner_id: scope ?? undefined },
  });
  return (res.customer_balances ?? []).map((b) => ({
    customerId: b.customer_id,
    amount: toDecimalOrNull(b.amount),
    debtAmount: toDecimalOrNull(b.debt_amount),
    currency: textOrNull(b.currency),
    measureId: b.measure_id ?? null,
  }));
}

export interface NewCustomerTagShape {
  readonly customerId: string;
  readonly tagType: string | null;
  /** `Y`, `N`, `UNDETERMINED`, or `""` without real-name authentication. */
  readonly tag: string;
  /** `YYYY-MM`, or null when empty. */
  readonly effectiveMonth: string | null;
  readonly expireMonth: string | null;
}

function toTag(t: NewCustomerTagItem): NewCustomerTagShape | null {
  if (!t.customer_id) return null;
  return { customerId: t.customer_id, tagType: textOrNull(t.customer_tag_type), tag: t.new_customer_tag ?? '', effectiveMonth: wireMonth(t.effective_time), expireMonth: wireMonth(t.expire_time) };
}

/**
 * Tags of ≤ 200 customers of one scope, in one call. `limit` must be the number of ids, or only 10 come
 * back (§2.4); ids that are not the scope's customers are silently left out.
 */
export async function fetchNewCustomerTags(ctx: Upstream, scope: Scope, customerIds: readonly string[]): Promise<NewCustomerTagShape[]> {
  const res = await ctx.bss.call(ListSubCustomerNewTag, {
    body: { customer_ids: [...customerIds], offset: 0, limit: customerIds.length, indirect_partner_id: scope ?? undefined },
  });
  return (res.new_customer_tags ?? []).flatMap((t) => toTag(t) ?? []);
}

// ---------------------------------------------------------------------------------------------------------
// The customer's own view (customer credentials: a token by IAM assume_role on the customer's agency)

export interface CustomerOwnBalancesShape {
  readonly accounts: readonly AccountBalance[];
  readonly debtAmount: Decimal | null;
  readonly currency: string | null;
  readonly measureId: number | null;
}

/** ShowCustomerAccountBalances §2.6, as the customer; a customer without an agency fails with `no-agency`. */
export async function fetchOwnBalances(ctx: Upstream, customerId: string): Promise<CustomerOwnBalancesShape> {
  const res = await ctx.bss.call(ShowCustomerAccountBalances, {}, { customerId });
  return {
    accounts: (res.account_balances ?? []).map(toAccountBalance),
    debtAmount: toDecimalOrNull(res.debt_amount),
    currency: textOrNull(res.currency),
    measureId: res.measure_id ?? null,
  };
}

export interface CustomerAccountChangeShape {
  /** Whose ledger this is (the customer the token was got for). */
  readonly customerId: string;
  readonly accountChangeId: string | null;
  readonly tradeDetailType: string | null;
  readonly tradeTime: Date | null;
  readonly tradeId: string | null;
  readonly changeAmount: Decimal | null;
  readonly balanceAfterChange: Decimal | null;
  /** `REVENUE` / `EXPENSE`. */
  readonly revenueExpenseType: string | null;
  readonly billCycle: string | null;
  readonly paymentChannelId: string | null;
  readonly paymentChannelNo: string | null;
  /** A time, or a charging start and end, as Huawei writes it (§2.7): kept as text. */
  readonly consumeTime: string | null;
  readonly accountName: string | null;
  readonly serviceTypeName: string | null;
  readonly resourceTypeName: string | null;
  readonly currency: string | null;
}

function toCustomerAccountChange(r: CustomerAccountChangeRecord, currency: string | null, customerId: string): CustomerAccountChangeShape {
  return {
    customerId,
    accountChangeId: textOrNull(r.account_change_id),
    tradeDetailType: textOrNull(r.trade_detail_type),
    tradeTime: parseWireTime(r.trade_time),
    tradeId: textOrNull(r.trade_id),
    changeAmount: toDecimalOrNull(r.change_amount),
    balanceAfterChange: toDecimalOrNull(r.balance_after_change),
    revenueExpenseType: textOrNull(r.revenue_expense_type),
    billCycle: wireMonth(r.bill_cycle),
    paymentChannelId: textOrNull(r.payment_channel_id),
    paymentChannelNo: textOrNull(r.payment_channel_no),
    consumeTime: textOrNull(r.consume_time),
    accountName: textOrNull(r.account_name),
    serviceTypeName: textOrNull(r.cloud_service_type_name),
    resourceTypeName: textOrNull(r.resource_type_name),
    currency,
  };
}

export interface CustomerAccountChangeFilters {
  readonly balanceType: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';
  readonly revenueExpenseType?: 'REVENUE' | 'EXPENSE' | undefined;
  readonly tradeType?: CustomerTradeType | undefined;
  readonly tradeId?: string | null;
}

/** ListCustomerAccountChangeRecords §2.7 as the customer. */
export const customerAccountChangesList = (customerId: string, f: CustomerAccountChangeFilters, window: LedgerWindow) =>
  listEndpoint({
    op: ListCustomerAccountChangeRecords,
    request: (offset, limit) => ({
      balance_type: f.balanceType, revenue_expense_type: f.revenueExpenseType, trade_type: f.tradeType, ...window, trade_id: nonEmpty(f.tradeId), offset, limit,
    }),
    page: (res) => {
      const currency = textOrNull(res.currency);
      return { items: (res.records ?? []).map((r) => toCustomerAccountChange(r, currency, customerId)), total: res.total_count ?? null };
    },
    options: { customerId },
  });
