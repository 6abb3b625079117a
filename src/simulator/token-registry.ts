/**
 * Tokens IAM issued, shared by the IAM endpoint (which issues and validates them) and the BSS gateway
 * (which resolves `X-Auth-Token` through it): iam-tokens.md §7.2 and §7.4. Test hooks expire or revoke
 * one token, or revoke every token of an account (what an arrears or a permission change does), to produce
 * the gateway's `token expires` and `APIGW.0307` answers.
 */
import { randomBytes } from 'node:crypto';

export type TokenScope = { readonly kind: 'domain' } | { readonly kind: 'project'; readonly projectId: string; readonly projectName: string };

export interface TokenRecord {
  readonly token: string;
  /** `password`: the partner's own token. `assume_role`: a token in a customer's account through its agency. */
  readonly method: 'password' | 'assume_role';
  /** The account the token acts in (the partner's, or the customer's for assume_role). */
  readonly domainId: string;
  readonly scope: TokenScope;
  readonly issuedAt: Date;
  expiresAt: Date;
  revoked: boolean;
  /** The `token` object of the issuing response, answered again by GET /v3/auth/tokens. */
  readonly body: Record<string, unknown>;
}

export type TokenLookup =
  | { readonly status: 'valid'; readonly record: TokenRecord }
  | { readonly status: 'expired' | 'revoked'; readonly record: TokenRecord }
  | { readonly status: 'unknown' };

/** Expired tokens are kept this long so a late caller still gets "token expires" rather than "decrypt token fail". */
const KEEP_EXPIRED_MS = 24 * 3_600_000;

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly clock: () => Date) {}

  /**
   * Mints an opaque token: `MII` (how real DER-encoded tokens start) and base64url of 96 random bytes. The
   * bytes come from the OS, not the seeded dataset stream: a token is a credential, and one predictable from
   * a public demo seed would let any local process act as the partner.
   */
  issue(record: Omit<TokenRecord, 'token' | 'revoked'>): TokenRecord {
    if (this.tokens.size >= 10_000) this.prune();
    const token = `MII${randomBytes(96).toString('base64url')}`;
    const full: TokenRecord = { ...record, token, revoked: false };
    this.tokens.set(token, full);
    return full;
  }

  lookup(token: string): TokenLookup {
    const record = this.tokens.get(token);
    if (!record) return { status: 'unknown' };
    if (record.revoked) return { status: 'revoked', record };
    if (this.clock().getTime() >= record.expiresAt.getTime()) return { status: 'expired', record };
    return { status: 'valid', record };
  }

  /** Test hook: the token expires now (or at `at`). Returns false for an unknown token. */
  expire(token: string, at: Date = new Date(this.clock().getTime() - 1)): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.expiresAt = at;
    return true;
  }

  /** Test hook: invalidate one token before its expiry. */
  revoke(token: string): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /** Test hook: invalidate every token acting in an account; returns how many. */
  revokeDomain(domainId: string): number {
    let count = 0;
    for (const record of this.tokens.values()) {
      if (record.domainId === domainId && !record.revoked) {
        record.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  get size(): number {
    return this.tokens.size;
  }

  private prune(): void {
    const cutoff = this.clock().getTime() - KEEP_EXPIRED_MS;
    for (const [token, record] of this.tokens) if (record.expiresAt.getTime() < cutoff) this.tokens.delete(token);
  }
}
