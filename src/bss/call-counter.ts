/**
 * How many upstream calls the client made, per operation name — what tests and benchmarks assert ("this
 * query made 3 ListSubCustomers requests"), in the style of the Pothos dataloader plugin's tests.
 *
 * - `requests`: HTTP requests that went on the wire, one per attempt (retries and token-refresh repeats
 *   included). The IAM token exchange is counted as `KeystoneCreateAgencyToken`.
 * - `calls`: logical calls, one per `BssClient.call` (a paginated walk is one call per page).
 */

export interface CallCounts {
  /** HTTP requests per operation name. */
  readonly requests: Readonly<Record<string, number>>;
  /** Logical calls per operation name. */
  readonly calls: Readonly<Record<string, number>>;
  readonly totalRequests: number;
  readonly totalCalls: number;
}

export class CallCounter {
  private requestCounts = new Map<string, number>();
  private callCounts = new Map<string, number>();

  recordRequest(operation: string): void {
    this.requestCounts.set(operation, (this.requestCounts.get(operation) ?? 0) + 1);
  }

  recordCall(operation: string): void {
    this.callCounts.set(operation, (this.callCounts.get(operation) ?? 0) + 1);
  }

  /** HTTP requests for one operation, or for all when no name is given. */
  requests(operation?: string): number {
    return operation === undefined ? sum(this.requestCounts) : (this.requestCounts.get(operation) ?? 0);
  }

  /** Logical calls for one operation, or for all when no name is given. */
  calls(operation?: string): number {
    return operation === undefined ? sum(this.callCounts) : (this.callCounts.get(operation) ?? 0);
  }

  /** A copy that later calls do not change. */
  snapshot(): CallCounts {
    return {
      requests: Object.fromEntries(this.requestCounts),
      calls: Object.fromEntries(this.callCounts),
      totalRequests: sum(this.requestCounts),
      totalCalls: sum(this.callCounts),
    };
  }

  reset(): void {
    this.requestCounts = new Map();
    this.callCounts = new Map();
  }
}

function sum(counts: Map<string, number>): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** One finished HTTP attempt, for metrics and logs. Carries no header, body, URL query or secret. */
export interface RequestEvent {
  readonly operation: string;
  /** HTTP status, or undefined when no response came (timeout, connection failure, abort). */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Huawei's or our error code when the attempt failed. */
  readonly errorCode?: string | undefined;
  readonly requestId?: string | undefined;
  /** `partner` or `customer` credentials. */
  readonly caller: 'partner' | 'customer';
}

export type RequestHook = (event: RequestEvent) => void;
