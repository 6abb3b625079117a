/**
 * The AK/SK pairs the gateway accepts: the partner's permanent key, and temporary keys (each bound to an
 * `X-Security-Token`) that tests may register, e.g. to call as a customer with AK/SK
 * (huawei-auth-and-errors.md §2.6, iam-tokens.md §3.7).
 */
import type { SimCaller } from './handler.js';

export interface AccessKey {
  readonly ak: string;
  readonly sk: string;
  /** Who signs with it: the partner, or a customer account. */
  readonly kind: SimCaller['kind'];
  readonly domainId: string;
  /** Temporary keys only: the token that must accompany every request, and when the key stops working. */
  readonly securityToken?: string;
  readonly expiresAt?: Date;
}

export class AccessKeys {
  private readonly keys = new Map<string, AccessKey>();

  add(key: AccessKey): void {
    this.keys.set(key.ak, key);
  }

  get(ak: string): AccessKey | undefined {
    return this.keys.get(ak);
  }
}
