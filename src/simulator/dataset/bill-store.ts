/**
 * Bills, consumption and costs (bss-api-commerce.md §4), derived from each customer's inventory.
 *
 * WHAT IS BILLED. Thirteen cycles: the open one (the month of `world.now` in UTC+8) and the twelve before
 * it; older or future cycles are valid but empty. In a cycle a customer has
 * - pay-per-use usage (E2 bill type 5) of every charge-mode-3 resource, from creation to deletion or now:
 *   one record per hour for time-metered types, one per UTC+8 day for the rest, metered in the resource
 *   type's usage type and unit at its reference.ts unit price (see bills/metering.ts);
 * - one record per line item (resource) of each order paid in the cycle — E2 1 new purchase, 2 renewal,
 *   3 modification, 4 unsubscription (negative: refunds) — with trade_id = the order id and the line's
 *   amounts, read from the commerce store's book (bills/order-records.ts).
 * Discounts, cash coupons, a credit account and debt come from the customer's billing profile
 * (bills/profile.ts); the partner's discount is the commerce store's, so orders and usage agree.
 *
 * THE ROUNDING RULE (bss-api-commerce.md §0.6: resource-level records keep up to 8 decimals, the account is
 * debited to the fen, monthly sums are 2-decimal):
 * 1. Every detail record carries exact amounts with at most 8 decimals: list price = usage × list unit
 *    price; amount due = usage × the customer's discounted unit price, which is itself rounded half-up to
 *    8 decimals once per product; discount = list − due. An order's records carry its line items' amounts
 *    (to the fen). A usage record's due is paid from one account; an order's from coupons and cash or
 *    credit. Nothing is rounded per record, so records add up exactly.
 * 2. A monthly-sum row — one customer, service type, resource type, charge mode and bill class (E4
 *    consumption/refund/adjustment, which is E3 "0"/"1"/"2" for the partner's view) — carries each amount
 *    as the exact sum of its records' amounts rounded half-up to 2 decimals: official, discount, consume
 *    (= due), and each paying account except the larger of cash and credit, which takes the remainder so
 *    the split adds up to consume; truncated = official − discount − consume (the rounding left over, at
 *    most a fen either way). Totals of a monthly bill are sums of its rows.
 * 3. Where a detail endpoint documents 2-decimal amounts (4.6 `amount`, 4.7 `consume_amount`, 4.5
 *    `consume_amount` with `erase_amount` the sub-fen rest), each record's amount is rounded by the same
 *    rule on its own. Summing those does not always give the monthly sum — the mismatch Huawei warns
 *    about; summing the 8-decimal amounts and rounding does.
 * 4.1 (partner), 4.4 (customer) and the pay-per-use rows of 4.10 are all made by rule 2 from the same
 * records that 4.2, 4.6 and 4.7 list.
 *
 * PERFORMANCE. Monthly sums come from charge lines (usage summed per resource and paying account, rated
 * once), never from materialised records, so the partner-wide sum over every customer of a scope is cheap,
 * and it is built once per (cycle, scope) and kept. Detail records are built per (customer, cycle) on first
 * use and kept in an LRU bounded by record count. Everything derived is stamped with the version of the
 * customer's commerce book, so orders paid or unsubscribed through the simulator show up at once.
 */
import { LRUCache } from 'lru-cache';
import type { CommerceStore } from './commerce-store.js';
import type { CommerceBook } from './commerce/types.js';
import type { CustomerRecord, World } from './world.js';
import { billedCycles } from './bills/calendar.js';
import { orderLines, orderRecords } from './bills/order-records.js';
import { billingProfile, cycleTerms, type BillingProfile } from './bills/profile.js';
import { usageLines, usageRecords, type BillingSubject, type MeteredResource } from './bills/records.js';
import { monthlySums, partnerBillType, type MonthlySum } from './bills/sums.js';
import { PAYMENT_ACCOUNTS, type BillRecord, type ChargeLine, type PaymentAccount } from './bills/types.js';

/** A partner monthly-sum row (4.1), amounts as 2-decimal text to keep a whole scope's rows small. */
export interface PartnerSumRow {
  readonly customerId: string;
  readonly serviceTypeCode: string;
  readonly resourceTypeCode: string;
  readonly chargeMode: 1 | 3;
  /** E3. */
  readonly billType: '0' | '1' | '2';
  readonly amount: string;
  readonly discount: string;
  /** Amount per paying account (debt included), as text. */
  readonly paid: Readonly<Record<PaymentAccount, string>>;
}

/** What the partner sees of one cycle in one scope (its own customers, or one reseller's). */
export interface ScopeCycle {
  /** Monthly sums of the scope's resale customers, in customer order (4.1). */
  readonly resaleSums: readonly PartnerSumRow[];
  /** Customers of the scope with any consumption record in the cycle, in customer order (4.3). */
  readonly consumers: readonly string[];
}

const EMPTY_SCOPE: ScopeCycle = { resaleSums: [], consumers: [] };

/** A derived value and the version of the customer's commerce book it was derived from. */
interface Versioned<T> {
  readonly version: string;
  readonly value: T;
}

interface ScopeEntry {
  readonly scope: ScopeCycle;
  readonly customers: readonly CustomerRecord[];
  /** Book version of every customer in the scope when the summary was built. */
  readonly versions: readonly string[];
}

export class BillStore {
  /** The billed cycles, oldest first; the last is the open cycle. */
  readonly cycles: readonly string[];
  readonly openCycle: string;
  /** How often a partner-wide (scope) summary was computed: once per cycle and scope, unless a write changed it. */
  readonly stats = { scopeBuilds: 0 };

  private readonly billed: ReadonlySet<string>;
  private readonly nowMs: number;
  private readonly profiles = new Map<string, BillingProfile>();
  private readonly scopes = new Map<string, ScopeEntry>();
  private readonly orderRecordCache = new LRUCache<string, Versioned<readonly BillRecord[]>>({ max: 5_000 });
  private readonly recordCache = new LRUCache<string, Versioned<readonly BillRecord[]>>({
    maxSize: 200_000,
    sizeCalculation: (entry) => Math.max(1, entry.value.length),
  });
  private readonly sumCache = new LRUCache<string, Versioned<readonly MonthlySum[]>>({ max: 20_000 });

  constructor(
    readonly world: World,
    readonly commerce: CommerceStore,
  ) {
    this.cycles = billedCycles(world.now);
    this.openCycle = this.cycles[this.cycles.length - 1]!;
    this.billed = new Set(this.cycles);
    this.nowMs = world.now.getTime();
  }

  isBilled(cycle: string): boolean {
    return this.billed.has(cycle);
  }

  profile(customer: CustomerRecord): BillingProfile {
    let profile = this.profiles.get(customer.customerId);
    if (!profile) {
      profile = billingProfile(this.world, customer, this.book(customer).partnerRatio);
      this.profiles.set(customer.customerId, profile);
    }
    return profile;
  }

  /** The commerce store's book of a world customer (always there for one). */
  book(customer: CustomerRecord): CommerceBook {
    return this.commerce.book(customer.customerId)!;
  }

  /** A customer's detail records of a cycle, in time order; empty outside the billed cycles. */
  records(customerId: string, cycle: string): readonly BillRecord[] {
    const customer = this.world.customer(customerId);
    if (!customer || !this.billed.has(cycle)) return [];
    return this.cached(this.recordCache, `${customerId}|${cycle}`, customer, () => {
      const subject = this.subject(customer);
      const terms = cycleTerms(this.world, subject.profile, customerId, cycle);
      const built = this.orderRecordsOf(customer).filter((r) => r.cycle === cycle);
      for (const resource of this.onDemandResources(customer)) built.push(...usageRecords(subject, resource, cycle, terms));
      return built.sort(byTime);
    });
  }

  /** A customer's yearly/monthly records across every billed cycle (for amortisation). */
  orderRecordsOf(customer: CustomerRecord): readonly BillRecord[] {
    return this.cached(this.orderRecordCache, customer.customerId, customer, () =>
      orderRecords(this.book(customer), this.profile(customer), this.billed),
    );
  }

  /** The charge lines monthly sums are made of (rule 2): order lines plus per-account usage lines. */
  lines(customerId: string, cycle: string): ChargeLine[] {
    const customer = this.world.customer(customerId);
    if (!customer || !this.billed.has(cycle)) return [];
    const subject = this.subject(customer);
    const terms = cycleTerms(this.world, subject.profile, customerId, cycle);
    const lines = orderLines(this.book(customer), subject.profile, cycle);
    for (const resource of this.onDemandResources(customer)) lines.push(...usageLines(subject, resource, cycle, terms));
    return lines;
  }

  /** A customer's monthly sum rows of a cycle (rule 2). */
  monthlySums(customerId: string, cycle: string): readonly MonthlySum[] {
    const customer = this.world.customer(customerId);
    if (!customer) return [];
    return this.cached(this.sumCache, `${customerId}|${cycle}`, customer, () => monthlySums(this.lines(customerId, cycle)));
  }

  /**
   * The partner's view of a cycle in a scope: the distributor's own customers (`null`) or one reseller's.
   * Computed once per (cycle, scope) and kept, so paging through 4.1 or 4.3 never recomputes it; a write
   * that changed any of the scope's orders since (a payment, an unsubscription) makes it be rebuilt.
   */
  scopeCycle(cycle: string, indirectPartnerId: string | null): ScopeCycle {
    if (!this.billed.has(cycle)) return EMPTY_SCOPE;
    const key = `${cycle}|${indirectPartnerId ?? ''}`;
    const entry = this.scopes.get(key);
    if (entry && entry.customers.every((c, i) => this.version(c) === entry.versions[i])) return entry.scope;

    this.stats.scopeBuilds++;
    const customers = entry?.customers ?? this.world.customersOf(indirectPartnerId);
    const resaleSums: PartnerSumRow[] = [];
    const consumers: string[] = [];
    for (const customer of customers) {
      const lines = this.lines(customer.customerId, cycle);
      if (lines.length === 0) continue;
      consumers.push(customer.customerId);
      // 4.1 covers resale (reseller-model) customers only: they consume partner-allocated funds.
      if (customer.associationType !== '2') continue;
      for (const sum of monthlySums(lines)) resaleSums.push(partnerRow(customer.customerId, sum));
    }
    const scope = { resaleSums, consumers };
    this.scopes.set(key, { scope, customers, versions: customers.map((c) => this.version(c)) });
    return scope;
  }

  /**
   * What of a customer's commerce book bills depend on: how many orders it has and how many are paid.
   * The simulator's writes (pay, renew, unsubscribe) change it, so nothing derived goes stale.
   */
  private version(customer: CustomerRecord): string {
    const orders = this.book(customer).orders;
    let paid = 0;
    for (const order of orders) if (order.status === 5) paid++;
    return `${orders.length}:${paid}`;
  }

  private cached<T>(cache: LRUCache<string, Versioned<T>>, key: string, customer: CustomerRecord, build: () => T): T {
    const version = this.version(customer);
    const hit = cache.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = build();
    cache.set(key, { version, value });
    return value;
  }

  private subject(customer: CustomerRecord): BillingSubject {
    return { world: this.world, customer, profile: this.profile(customer), nowMs: this.nowMs };
  }

  /** Pay-per-use resources: metered from the inventory, described by the commerce store's record. */
  private onDemandResources(customer: CustomerRecord): MeteredResource[] {
    const book = this.book(customer);
    const out: MeteredResource[] = [];
    for (const metered of this.world.inventoryOf(customer.customerId).resources) {
      const record = metered.chargeMode === 3 ? book.resourceById.get(metered.resourceId) : undefined;
      if (record) out.push({ metered, record });
    }
    return out;
  }
}

function partnerRow(customerId: string, sum: MonthlySum): PartnerSumRow {
  return {
    customerId,
    serviceTypeCode: sum.serviceTypeCode,
    resourceTypeCode: sum.resourceTypeCode,
    chargeMode: sum.chargeMode,
    billType: partnerBillType(sum.billClass),
    amount: sum.consume.toFixed(2),
    discount: sum.discount.toFixed(2),
    paid: Object.fromEntries(PAYMENT_ACCOUNTS.map((a) => [a, sum.paid[a].toFixed(2)])) as Record<PaymentAccount, string>,
  };
}

function byTime(a: BillRecord, b: BillRecord): number {
  return (
    a.tradeTime.getTime() - b.tradeTime.getTime() ||
    (a.resource.resourceId < b.resource.resourceId ? -1 : a.resource.resourceId > b.resource.resourceId ? 1 : 0) ||
    a.billType - b.billType
  );
}
