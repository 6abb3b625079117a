/**
 * STUB (issue 4 fills this in): process-wide cache of consumption records by credential scope, language and
 * query; closed cycles (before the current one in UTC+8) live far longer than the open cycle; bounded in records.
 */
export interface BillCacheOptions {
  readonly closedCycleTtlMs: number;
  readonly openCycleTtlMs: number;
  readonly maxRecords: number;
  /** The clock deciding which cycle is open (tests freeze it). */
  readonly now?: () => Date;
}

export class BillCache {
  constructor(readonly options: BillCacheOptions) {}
}
