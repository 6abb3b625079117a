/** Options of one client call and of a paginated walk (kept apart from the client to avoid import cycles). */

export interface CallOptions {
  /**
   * Act as this customer: a customer token is got by IAM assume_role and sent as X-Auth-Token. Required
   * for customer-only operations; for 'either' operations it selects customer credentials.
   */
  readonly customerId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /**
   * Background work until this signal fires: nobody waits for the answer yet (a cache's refresh of an entry whose
   * stale answer was served). The rate budget serves it after interactive callers and keeps places of each window
   * from it, within a bounded delay (src/bss/rate-budget.ts); the signal fires when someone starts waiting for it.
   */
  readonly backgroundUntil?: AbortSignal | undefined;
  /** `X-Language` when the request has no `x_language` and the endpoint reads the header. */
  readonly language?: 'zh_CN' | 'en_US' | undefined;
}

export interface PaginateOptions extends CallOptions {
  /** Page size; default and ceiling: the endpoint's `page.maxLimit`. */
  readonly pageSize?: number | undefined;
  /** Stop after this many items (the last page is asked for only what is still needed). */
  readonly maxItems?: number | undefined;
  /**
   * `paginate` only: pages requested at once once the total is known (the rate budget still spaces their
   * starts). Default 4. Endpoints without a count field are always walked one page at a time.
   */
  readonly concurrency?: number | undefined;
}
