/**
 * A view's records summed once per finest cell (every breakdown dimension and the cycle). Totals and
 * breakdowns roll these cells up instead of re-adding every record per field: decimal addition is exact and
 * associative, so the sums are the same to the last digit, and a month of ~200k records is added once (three
 * amounts a record) rather than once per breakdown asked. The fold is incremental, so a partner-wide pull is
 * summed while it arrives (src/resolvers/live-pull.ts), not after its last page.
 */
import type { Decimal } from 'decimal.js';
import { sumDecimals } from '../bss/money.js';
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';

/** Exact sums over a set of records. */
export interface ConsumptionSums {
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly recordCount: number;
}

/** What a breakdown row tells of its group besides the key: names its records carried, its customer. */
export type GroupSample = Pick<
  ConsumptionRecordShape, 'serviceTypeName' | 'resourceTypeName' | 'regionName' | 'chargeModeCode' | 'customerId' | 'indirectPartnerId'
>;

/** One row of a breakdown: the group's key, a record of it (for names) and its exact sums. */
export interface ConsumptionGroupShape extends ConsumptionSums {
  readonly key: string;
  readonly sample: GroupSample;
}

/** The dimensions a view breaks down by. */
export type ConsumptionDimension = 'serviceType' | 'resourceType' | 'region' | 'chargeMode' | 'customer';

export type CellDimension = ConsumptionDimension | 'cycle';

export interface Cell extends ConsumptionSums {
  /** The cell's first record in view order (names for codes the catalogues do not know). */
  readonly sample: ConsumptionRecordShape;
  readonly keys: Readonly<Record<CellDimension, string>>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const DIMENSIONS: Record<ConsumptionDimension, { key: (r: ConsumptionRecordShape) => string; order?: (a: string, b: string) => number }> = {
  serviceType: { key: (r) => r.serviceTypeCode },
  resourceType: { key: (r) => r.resourceTypeCode },
  // No region (global services) sorts first, as the empty key.
  region: { key: (r) => r.regionCode ?? '' },
  // Numeric E1 codes in numeric order; a record without one last.
  chargeMode: { key: (r) => (r.chargeModeCode === null ? '' : String(r.chargeModeCode)), order: (a, b) => (a === '' ? 1 : b === '' ? -1 : Number(a) - Number(b)) },
  customer: { key: (r) => JSON.stringify([r.indirectPartnerId ?? '', r.customerId]) },
};

interface MutableCell {
  readonly sample: ConsumptionRecordShape;
  readonly keys: Record<CellDimension, string>;
  amount: Decimal;
  officialAmount: Decimal;
  discountAmount: Decimal;
  recordCount: number;
}

/** Folds records into cells, batch by batch, in view order (a cell's sample is its first record). */
export class CellAccumulator {
  private readonly byId = new Map<string, MutableCell>();

  add(records: readonly ConsumptionRecordShape[]): void {
    for (const r of records) {
      const keys: Record<CellDimension, string> = {
        serviceType: DIMENSIONS.serviceType.key(r),
        resourceType: DIMENSIONS.resourceType.key(r),
        region: DIMENSIONS.region.key(r),
        chargeMode: DIMENSIONS.chargeMode.key(r),
        customer: DIMENSIONS.customer.key(r),
        cycle: r.cycle,
      };
      const id = `${keys.serviceType}\u0000${keys.resourceType}\u0000${keys.region}\u0000${keys.chargeMode}\u0000${keys.customer}\u0000${keys.cycle}`;
      const cell = this.byId.get(id);
      if (cell) {
        cell.amount = cell.amount.plus(r.paymentAmount);
        cell.officialAmount = cell.officialAmount.plus(r.officialAmount);
        cell.discountAmount = cell.discountAmount.plus(r.discountAmount);
        cell.recordCount += 1;
      } else {
        this.byId.set(id, {
          sample: r, keys, amount: sumDecimals([r.paymentAmount]), officialAmount: sumDecimals([r.officialAmount]),
          discountAmount: sumDecimals([r.discountAmount]), recordCount: 1,
        });
      }
    }
  }

  /** The cells so far, in the order their first records came. */
  cells(): readonly Cell[] {
    return [...this.byId.values()];
  }
}

const cellsByRecords = new WeakMap<readonly ConsumptionRecordShape[], readonly Cell[]>();

/** The cells of a complete record list, memoised per array (the request's loaders share it between fields). */
export function cellsOf(records: readonly ConsumptionRecordShape[]): readonly Cell[] {
  let cells = cellsByRecords.get(records);
  if (!cells) {
    const fold = new CellAccumulator();
    fold.add(records);
    cellsByRecords.set(records, (cells = fold.cells()));
  }
  return cells;
}

export function sumCells(cells: readonly Cell[]): ConsumptionSums {
  return {
    amount: sumDecimals(cells.map((c) => c.amount)),
    officialAmount: sumDecimals(cells.map((c) => c.officialAmount)),
    discountAmount: sumDecimals(cells.map((c) => c.discountAmount)),
    recordCount: cells.reduce((n, c) => n + c.recordCount, 0),
  };
}

/** Cells grouped by one dimension, in a stable order; a group's sample is its first record in view order. */
export function rollUp(cells: readonly Cell[], dimension: CellDimension, order: (a: string, b: string) => number = byText): ConsumptionGroupShape[] {
  const groups = new Map<string, Cell[]>();
  // Cells were created in view order, so a group's first cell holds its first record.
  for (const cell of cells) {
    const key = cell.keys[dimension];
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(cell);
  }
  return [...groups.entries()].sort(([a], [b]) => order(a, b)).map(([key, cs]) => ({ key, sample: cs[0]!.sample, ...sumCells(cs) }));
}

/**
 * Breakdown rows of several parts of one view (the store's cycles and the live ones) as one breakdown: rows of
 * the same key added exactly, a key's sample from the first part that has it, in the dimension's order.
 */
export function mergeGroups(parts: readonly (readonly ConsumptionGroupShape[])[], order: (a: string, b: string) => number = byText): ConsumptionGroupShape[] {
  if (parts.length === 1) return [...parts[0]!];
  const byKey = new Map<string, ConsumptionGroupShape[]>();
  for (const part of parts) {
    for (const g of part) {
      const same = byKey.get(g.key);
      if (same) same.push(g);
      else byKey.set(g.key, [g]);
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => order(a, b)).map(([key, gs]) => ({ key, sample: gs[0]!.sample, ...addSums(gs) }));
}

/** Exact sums of several parts' sums. */
export function addSums(parts: readonly ConsumptionSums[]): ConsumptionSums {
  return {
    amount: sumDecimals(parts.map((p) => p.amount)),
    officialAmount: sumDecimals(parts.map((p) => p.officialAmount)),
    discountAmount: sumDecimals(parts.map((p) => p.discountAmount)),
    recordCount: parts.reduce((n, p) => n + p.recordCount, 0),
  };
}
