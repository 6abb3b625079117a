/**
 * Lock-out after repeated authentication failures, for two rules with the same shape:
 * - an AK is locked for 5 minutes after more than five consecutive signature failures
 *   (huawei-auth-and-errors.md §6 step 9), i.e. `lockAfter` 6, no window;
 * - an IAM user is locked for 15 minutes after 5 wrong passwords within 15 minutes
 *   (iam-tokens.md §5.3, thresholds inferred), i.e. `lockAfter` 5, `windowMs` 15 min.
 * Times come from the simulator's clock, so tests can move past a lock without sleeping.
 */

export interface LockoutPolicy {
  /** The failure that makes this many (within the window) locks the key. */
  readonly lockAfter: number;
  readonly lockMs: number;
  /** Failures older than this stop counting; absent: failures count until a success (consecutive). */
  readonly windowMs?: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class Lockout {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: LockoutPolicy) {}

  isLocked(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.lockedUntil === 0) return false;
    if (now < entry.lockedUntil) return true;
    // The lock ran out: start again from a clean slate.
    this.entries.delete(key);
    return false;
  }

  /** Counts a failure; returns true when this failure locked the key. */
  recordFailure(key: string, now: number): boolean {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { failures: [], lockedUntil: 0 };
      this.entries.set(key, entry);
    }
    const windowMs = this.policy.windowMs;
    if (windowMs !== undefined) entry.failures = entry.failures.filter((at) => now - at < windowMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.policy.lockAfter) {
      entry.lockedUntil = now + this.policy.lockMs;
      entry.failures = [];
      return true;
    }
    return false;
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }
}
