/**
 * Verification codes the partner had sent (bss-api-partners.md §2.15), for the checks of §2.1 (registering a
 * customer with a mobile number) and §2.10 (personal bank-card authentication). Nothing is ever sent: a code is
 * recorded per receiver, scene and customer, and tests read it with `lastSent` (never on the wire).
 *
 * Rules: at most 15 sends per receiver in any hour and 60 in any 24 hours (§2.15, 400 CBC.99004015; rolling
 * windows [inferred: "per hour, per day"]); a code is valid for `timeout` minutes (default 5). [inferred, the
 * usual practice of SMS codes, not documented:] a newer code for the same receiver, scene and customer replaces
 * the older one, and a code is used up by the request that it admits, so it cannot register two accounts.
 */
import { CbcError } from '../cbc-error.js';
import type { Random } from '../random.js';

/** §2.15 `scene`: 29 registration (the default), 18 personal bank-card real-name authentication. */
export type VerificationScene = 18 | 29;

export const SEND_LIMIT_PER_HOUR = 15;
export const SEND_LIMIT_PER_DAY = 60;
export const DEFAULT_CODE_MINUTES = 5;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SentCode {
  readonly code: string;
  readonly sentAt: Date;
  readonly expiresAt: Date;
}

export type CodeCheck = 'ok' | 'wrong' | 'expired';

export const sendLimitReached = (): CbcError =>
  new CbcError(400, 'CBC.99004015', 'The number of verification codes sent has reached the limit (15 per hour, 60 per day).');

const keyOf = (receiver: string, scene: VerificationScene, customerId: string | null): string => `${scene}|${customerId ?? ''}|${receiver}`;

export class VerificationCodes {
  /** Send times per receiver (every scene counts toward one limit), oldest first, pruned to the last day. */
  private readonly sends = new Map<string, Date[]>();
  private readonly codes = new Map<string, SentCode>();

  /** Records a new code, or throws CBC.99004015 when the receiver reached the send limit (nothing recorded). */
  send(receiver: string, scene: VerificationScene, customerId: string | null, minutes: number, now: Date, r: Random): SentCode {
    const recent = (this.sends.get(receiver) ?? []).filter((t) => now.getTime() - t.getTime() < DAY);
    const lastHour = recent.filter((t) => now.getTime() - t.getTime() < HOUR).length;
    if (lastHour >= SEND_LIMIT_PER_HOUR || recent.length >= SEND_LIMIT_PER_DAY) {
      this.sends.set(receiver, recent);
      throw sendLimitReached();
    }
    recent.push(now);
    this.sends.set(receiver, recent);
    const sent: SentCode = { code: r.digits(6), sentAt: now, expiresAt: new Date(now.getTime() + minutes * 60_000) };
    this.codes.set(keyOf(receiver, scene, customerId), sent);
    return sent;
  }

  /** Whether `code` is the live code sent to the receiver for this scene (and customer); does not use it up. */
  check(receiver: string, scene: VerificationScene, customerId: string | null, code: string, now: Date): CodeCheck {
    const sent = this.codes.get(keyOf(receiver, scene, customerId));
    if (!sent || sent.code !== code) return 'wrong';
    return now.getTime() < sent.expiresAt.getTime() ? 'ok' : 'expired';
  }

  /** Uses the code up, once the request it admitted has been carried out. */
  consume(receiver: string, scene: VerificationScene, customerId: string | null): void {
    this.codes.delete(keyOf(receiver, scene, customerId));
  }

  /** Test accessor: the live (not yet used) code last sent to the receiver, whether or not it expired. */
  lastSent(receiver: string, scene: VerificationScene = 29, customerId: string | null = null): SentCode | undefined {
    return this.codes.get(keyOf(receiver, scene, customerId));
  }
}
