/** The filters the bill endpoints apply to detail records. */
import type { Decimal } from 'decimal.js';
import type { BillRecord } from '../../dataset/bills/types.js';

export interface RecordFilter {
  readonly serviceTypeCode?: string | undefined;
  readonly resourceTypeCode?: string | undefined;
  readonly regionCode?: string | undefined;
  readonly resourceId?: string | undefined;
  readonly resourceName?: string | undefined;
  readonly chargeMode?: number | undefined;
  readonly billType?: number | undefined;
  readonly tradeId?: string | undefined;
  readonly enterpriseProjectId?: string | undefined;
  /** Inclusive `YYYY-MM-DD` bill dates. */
  readonly dates?: { readonly begin: string; readonly end: string } | null | undefined;
}

export function matches(record: BillRecord, f: RecordFilter): boolean {
  const r = record.resource;
  return (
    (f.serviceTypeCode === undefined || r.resourceType.serviceTypeCode === f.serviceTypeCode) &&
    (f.resourceTypeCode === undefined || r.resourceType.code === f.resourceTypeCode) &&
    (f.regionCode === undefined || r.regionCode === f.regionCode) &&
    (f.resourceId === undefined || r.resourceId === f.resourceId) &&
    (f.resourceName === undefined || r.resourceName === f.resourceName) &&
    (f.chargeMode === undefined || record.chargeMode === f.chargeMode) &&
    (f.billType === undefined || record.billType === f.billType) &&
    (f.tradeId === undefined || record.tradeId === f.tradeId) &&
    (f.enterpriseProjectId === undefined || r.enterpriseProject.id === f.enterpriseProjectId) &&
    (!f.dates || (record.billDate >= f.dates.begin && record.billDate <= f.dates.end))
  );
}

/** Records (or groups) whose amount due is exactly zero — what `include_zero_record=false` hides. */
export const isZero = (item: { due: Decimal }): boolean => item.due.isZero();

