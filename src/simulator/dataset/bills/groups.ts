/**
 * Several detail records of one resource added up, as the bill endpoints aggregate them (per resource per
 * cycle or per day, 4.6/4.7 `statistic_type`; per resource for amortised costs, 4.10). Sums are exact;
 * rounding to fen happens where a field is 2-decimal.
 */
import type { Decimal } from 'decimal.js';
import { PAYMENT_ACCOUNTS, type BillRecord, type Payment, type PaymentAccount } from './types.js';

/** Several records of one resource added up: exact sums, the usage window they span. */
export interface RecordGroup {
  /** The first record: resource, bill type, trade of the group. */
  readonly first: BillRecord;
  readonly official: Decimal;
  readonly discount: Decimal;
  readonly due: Decimal;
  readonly paid: Payment;
  /** Summed usage of pay-per-use records, null for yearly/monthly. */
  readonly usage: Decimal | null;
  readonly freeUsage: Decimal | null;
  readonly effectiveTime: Date;
  readonly expireTime: Date;
}

interface MutableGroup {
  first: BillRecord;
  official: Decimal;
  discount: Decimal;
  due: Decimal;
  paid: Record<PaymentAccount, Decimal>;
  usage: Decimal | null;
  freeUsage: Decimal | null;
  effectiveTime: Date;
  expireTime: Date;
}

const plusOrNull = (a: Decimal | null, b: Decimal | null): Decimal | null => (a === null || b === null ? a ?? b : a.plus(b));

/** Groups records by `key`, in order of each group's first record. */
export function groupRecords(records: readonly BillRecord[], key: (record: BillRecord) => string): RecordGroup[] {
  const groups = new Map<string, MutableGroup>();
  for (const record of records) {
    const id = key(record);
    const group = groups.get(id);
    if (!group) {
      groups.set(id, {
        first: record, official: record.official, discount: record.discount, due: record.due, paid: { ...record.paid },
        usage: record.usage, freeUsage: record.freeUsage, effectiveTime: record.effectiveTime, expireTime: record.expireTime,
      });
      continue;
    }
    group.official = group.official.plus(record.official);
    group.discount = group.discount.plus(record.discount);
    group.due = group.due.plus(record.due);
    for (const account of PAYMENT_ACCOUNTS) group.paid[account] = group.paid[account].plus(record.paid[account]);
    group.usage = plusOrNull(group.usage, record.usage);
    group.freeUsage = plusOrNull(group.freeUsage, record.freeUsage);
    if (record.effectiveTime < group.effectiveTime) group.effectiveTime = record.effectiveTime;
    if (record.expireTime > group.expireTime) group.expireTime = record.expireTime;
  }
  return [...groups.values()];
}

/** One record as a group of one, so per-record and aggregated rows are written by the same code. */
export function single(record: BillRecord): RecordGroup {
  return { first: record, ...record };
}

/** Per resource per cycle: usage adds up per resource and bill type; each order stays its own row. */
export const perCycle = (r: BillRecord): string => `${r.resource.resourceId}|${r.billType}|${r.orderId ?? ''}`;

/** Per resource per day. */
export const perDay = (r: BillRecord): string => `${perCycle(r)}|${r.billDate}`;
