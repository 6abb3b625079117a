/**
 * A pay-per-use resource's consumption for a cycle in two forms that agree exactly: detail records (one
 * per hour of time-metered usage, one per UTC+8 day of other usage) and charge lines (the same usage summed
 * per paying account and rated once). Lines are what monthly sums are made of and cost a few decimal
 * operations per resource, so summing thousands of customers never materialises their records. Exact
 * rating (pricing.ts) makes the two forms add up alike.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { ResourceRecord } from '../commerce/types.js';
import type { ResourceTypeDef } from '../reference.js';
import type { CustomerRecord, InventoryResource, World } from '../world.js';
import { HOUR_MS, beijingDay } from './calendar.js';
import { stableHex } from './ids.js';
import { meter, usageValue } from './metering.js';
import { discountedPrice, rateUsage } from './pricing.js';
import type { BillingProfile, CycleTerms } from './profile.js';
import type { BillRecord, Charge, ChargeLine, Payment, PaymentAccount } from './types.js';

/** Who is billed, and as of when. */
export interface BillingSubject {
  readonly world: World;
  readonly customer: CustomerRecord;
  readonly profile: BillingProfile;
  readonly nowMs: number;
}

/** A pay-per-use resource as bills need it: metered from the inventory, described by the commerce store. */
export interface MeteredResource {
  readonly metered: InventoryResource;
  readonly record: ResourceRecord;
}

const ZERO = new Money(0);
const ONE = new Money(1);

/** E2 5: pay-per-use usage. */
export const USAGE = 5;

export function payment(account: PaymentAccount, amount: Decimal): Payment {
  return { cash: ZERO, credit: ZERO, coupon: ZERO, flexiCoupon: ZERO, storedCard: ZERO, debt: ZERO, [account]: amount };
}

/** The account that pays a day's pay-per-use charges: coupons first, then the payer until funds run out. */
function accountOn(day: number, terms: CycleTerms, payer: BillingProfile['payer']): PaymentAccount {
  if (day <= terms.couponDays) return 'coupon';
  if (terms.debtFromDay !== null && day >= terms.debtFromDay) return 'debt';
  return payer;
}

/** List and discounted unit price of a pay-per-use product for this customer. */
function usagePrices(profile: BillingProfile, type: ResourceTypeDef): { list: Decimal; net: Decimal } {
  const list = new Money(type.unitPrice);
  return { list, net: discountedPrice(list, profile.onDemandOffer?.rate ?? null) };
}

/** A pay-per-use resource's cycle, summed per paying account and rated once per account. */
export function usageLines(subject: BillingSubject, { metered, record }: MeteredResource, cycle: string, terms: CycleTerms): ChargeLine[] {
  const m = meter(subject.world, metered, cycle, subject.nowMs);
  if (m.days.length === 0) return [];
  const units = new Map<PaymentAccount, number>();
  for (const d of m.days) {
    const account = accountOn(d.day, terms, subject.profile.payer);
    units.set(account, (units.get(account) ?? 0) + d.usage - d.free);
  }
  const { list, net } = usagePrices(subject.profile, metered.resourceType);
  return [...units].map(([account, billable]) => {
    const charge = rateUsage(usageValue(billable, m.scale), list, net);
    return { resource: record, billType: USAGE, chargeMode: 3, ...charge, paid: payment(account, charge.due) };
  });
}

/** A pay-per-use resource's detail records for the cycle. */
export function usageRecords(
  subject: BillingSubject, { metered, record: resource }: MeteredResource, cycle: string, terms: CycleTerms,
): BillRecord[] {
  const m = meter(subject.world, metered, cycle, subject.nowMs);
  const { list, net } = usagePrices(subject.profile, metered.resourceType);
  const hourCharge = m.hourly ? rateUsage(ONE, list, net) : null;
  const out: BillRecord[] = [];
  for (const d of m.days) {
    const account = accountOn(d.day, terms, subject.profile.payer);
    if (hourCharge) {
      // `fold` hours per record (1 unless the world folds them): rating is linear, so sums are unchanged.
      const fold = subject.world.hoursPerUsageRecord;
      const hours = Math.ceil((d.toMs - d.fromMs) / HOUR_MS);
      for (let i = 0; i < hours; i += fold) {
        const n = Math.min(fold, hours - i);
        const h = d.fromMs + i * HOUR_MS;
        const charge = n === 1 ? hourCharge : rateUsage(new Money(n), list, net);
        out.push(usageRecord(subject, resource, cycle, h, h + n * HOUR_MS, n === 1 ? ONE : new Money(n), ZERO, list, charge, account, n === 1 ? 25 : 24));
      }
    } else {
      const usage = usageValue(d.usage, m.scale);
      const free = usageValue(d.free, m.scale);
      const charge = rateUsage(usage.minus(free), list, net);
      out.push(usageRecord(subject, resource, cycle, d.fromMs, d.toMs, usage, free, list, charge, account, 24));
    }
  }
  return out;
}

function usageRecord(
  subject: BillingSubject, resource: ResourceRecord, cycle: string, fromMs: number, toMs: number,
  usage: Decimal, free: Decimal, unitPrice: Decimal, charge: Charge, account: PaymentAccount, periodType: 24 | 25,
): BillRecord {
  const key = `${resource.resourceId}:${fromMs}`;
  const from = new Date(fromMs);
  const to = new Date(toMs);
  return {
    id: stableHex(`record:${key}`),
    customer: subject.customer,
    cycle,
    billDate: beijingDay(fromMs),
    billType: USAGE,
    chargeMode: 3,
    resource,
    tradeId: `TR${stableHex(`trade:${key}`).toUpperCase()}`,
    orderId: null,
    subOrderId: null,
    tradeTime: to,
    consumeTime: from,
    effectiveTime: from,
    expireTime: to,
    usage,
    freeUsage: free,
    unitPrice,
    periodType,
    periodNum: null,
    ...charge,
    paid: payment(account, charge.due),
  };
}
