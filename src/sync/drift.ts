/**
 * Drift of a settled closed cycle (late adjustments): compare what the store holds with a cheap upstream
 * summary and mark only the customers that differ to be read again.
 *
 * - Resale customers (association type "2"): the partner monthly sums, ListSubcustomerMonthlyBills (4.1),
 *   one walk per scope (own, each reseller) and charge mode ("1", "3", "11": 4.1 requires one), pages of 100
 *   rows of customer × service type × resource type × bill type: a few calls per 100 customers, where reading
 *   their records costs at least one call each. Per customer, the sum of 4.1's `amount` is compared with the
 *   stored records' exact amount due in those charge modes.
 *
 *   TOLERANCE. 4.1's amounts have 2 decimals, the records 8 (Huawei: "summing resource records will not
 *   exactly reproduce monthly sums", bss-api-commerce.md §0.6). Each 4.1 row is its records' exact sum rounded
 *   to the fen (half a fen off at most; the simulator's rule 2), so the stored sum may differ from the rows'
 *   sum by up to half a fen per row. The check allows ONE fen per 4.1 row of the customer (covering truncation as
 *   well as half-up rounding) and sees drift beyond that: |Σ rows − Σ records| > 0.01 × rows. A customer with
 *   no 4.1 row must have a stored sum of exactly 0 in those modes. Smaller late changes go unseen.
 *
 * - Referral customers ("1"; 4.1 covers resale customers only) and customers of unknown type: one
 *   ListSubCustomerBillDetail call of the first page (1000 records). Its `total_count` against the stored
 *   count finds added or removed records (a late adjustment is a new record, E2 9 or 16); when that page holds
 *   every record, the exact sums are compared too, and a difference is written at once from the page just
 *   read (no second read). An amount changed in place in a customer of more than 1000 records goes unseen.
 */
import { Decimal } from 'decimal.js';
import { fetchAllMonthlyBills } from '../sources/monthly-bills.js';
import { CONSUMPTION_PAGE_MAX, fetchConsumptionPage, type ConsumptionContext } from '../sources/consumption-records.js';
import {
  markUnitsStale, readStartTime, readStoredUnitTotals, recordCycleChecked, replaceCustomerCycle, type ListingResult, type Store, type StoredUnitTotals,
} from '../store/index.js';
import { listCycle, type PassListings } from './listing.js';

/** The charge modes 4.1 answers for (it requires one per call). */
export const MONTHLY_SUM_CHARGE_MODES = ['1', '3', '11'] as const;

/** One fen per 4.1 row: see the file comment. */
export const FEN = new Decimal('0.01');

/** Whether a stored exact sum agrees with `rows` 2-decimal monthly-sum rows summing to `upstream`. */
export function agreesWithMonthlySums(stored: Decimal, upstream: Decimal, rows: number): boolean {
  return stored.minus(upstream).abs().lte(FEN.times(rows));
}

export interface DriftResult {
  readonly listing: ListingResult;
  /** Synced units compared. */
  readonly checked: number;
  /** Units marked stale (to read again). */
  readonly differing: number;
  /** Units replaced at once from the page the check read. */
  readonly replaced: number;
}

export async function checkDrift(args: {
  readonly ctx: ConsumptionContext; readonly store: Store; readonly listings: PassListings; readonly cycle: string;
  readonly concurrency: number; readonly signal?: AbortSignal;
}): Promise<DriftResult> {
  const { ctx, store, cycle } = args;
  // Joins and leaves first: a new customer becomes pending, a gone one keeps its records.
  const listing = await listCycle(ctx, store, args.listings, cycle);
  const stored = await readStoredUnitTotals(store, cycle, MONTHLY_SUM_CHARGE_MODES.map(Number));
  const differing: StoredUnitTotals[] = [];
  let replaced = 0;

  const resale = stored.filter((u) => u.associationType === '2');
  const scopes = [...new Set(resale.map((u) => u.indirectPartnerId))];
  for (const scope of scopes) {
    const sums = new Map<string, { amount: Decimal; rows: number }>();
    for (const mode of MONTHLY_SUM_CHARGE_MODES) {
      const rows = await fetchAllMonthlyBills({ bss: ctx.bss, language: ctx.language }, {
        cycle, indirectPartnerId: scope, customerId: null, serviceTypeCode: null, billType: null,
      }, mode);
      for (const row of rows) {
        const s = sums.get(row.customerId) ?? { amount: new Decimal(0), rows: 0 };
        sums.set(row.customerId, { amount: s.amount.plus(row.amount), rows: s.rows + 1 });
      }
    }
    for (const u of resale) {
      if (u.indirectPartnerId !== scope) continue;
      const s = sums.get(u.customerId) ?? { amount: new Decimal(0), rows: 0 };
      if (!agreesWithMonthlySums(u.amount, s.amount, s.rows)) differing.push(u);
    }
  }

  const others = stored.filter((u) => u.associationType !== '2');
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < others.length && !args.signal?.aborted) {
      const u = others[next++]!;
      const readStartedAt = await readStartTime(store);
      const page = await fetchConsumptionPage(ctx, { customerId: u.customerId, indirectPartnerId: u.indirectPartnerId, cycle }, 0, CONSUMPTION_PAGE_MAX);
      const total = page.total ?? page.items.length;
      const complete = page.items.length >= total;
      if (complete) {
        const amount = page.items.reduce((sum, r) => sum.plus(r.paymentAmount), new Decimal(0));
        if (total !== u.recordCount || !amount.eq(u.totalAmount)) {
          await replaceCustomerCycle(store, { cycle, indirectPartnerId: u.indirectPartnerId, customerId: u.customerId, records: page.items, upstreamRecordCount: total, readStartedAt });
          replaced++;
        }
      } else if (total !== (u.upstreamRecordCount ?? u.recordCount)) {
        differing.push(u);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, others.length) }, worker));

  await markUnitsStale(store, differing);
  await recordCycleChecked(store, cycle);
  return { listing, checked: stored.length, differing: differing.length, replaced };
}
