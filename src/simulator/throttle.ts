/**
 * Gateway throttling: a fixed 1-second window per (credential, API), at the operation's documented quota
 * (`op.ratePerSecond`, default 10 per second: huawei-auth-and-errors.md §9.4). Over the quota → 429
 * `APIGW.0308 … policy user over ratelimit,limit:<n>,time:1 second`. Windows follow the simulator clock.
 */
import { DEFAULT_RATE_PER_SECOND, type OperationSpec } from '../bss/operations/spec.js';
import { apig } from './apig-errors.js';

const WINDOW_MS = 1000;

interface Window {
  start: number;
  count: number;
}

export class Throttle {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: () => Date) {}

  /** Counts one call; throws the 429 gateway error when the window is already full. */
  admit(credentialKey: string, op: OperationSpec): void {
    const limit = op.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    const now = this.clock().getTime();
    const start = now - (now % WINDOW_MS);
    const key = `${credentialKey}|${op.name}`;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      if (this.windows.size > 50_000) this.prune(start);
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= limit) throw apig.throttled(limit);
    window.count += 1;
  }

  reset(): void {
    this.windows.clear();
  }

  private prune(current: number): void {
    for (const [key, window] of this.windows) if (window.start !== current) this.windows.delete(key);
  }
}
