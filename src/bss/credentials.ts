/**
 * Who the gateway is when it calls Huawei Cloud, and how each credential authenticates a request
 * (huawei-auth-and-errors.md §1, §2.6; iam-tokens.md §3.2).
 *
 * - Partner AK/SK (permanent, or temporary with a security token): signed Node-SDK style with
 *   `X-Domain-Id`, the way `GlobalCredentials` does for a global service such as BSS.
 * - A partner token given directly: `X-Auth-Token`, no signature.
 * - Customer tokens got by assume_role are not configured here; `customer-tokens.ts` makes them and they
 *   travel as `X-Auth-Token` like a partner token.
 *
 * Nothing in this module logs or formats a secret; `credentialIdentity` is what may appear in keys.
 */
import { createHash } from 'node:crypto';

/** Global AK/SK credentials of the partner account (HUAWEICLOUD_SDK_* names, as the SDKs read them). */
export interface PartnerCredentials {
  readonly ak: string;
  readonly sk: string;
  /** The partner account (domain) id, sent as `X-Domain-Id`. BSS is global, so no project id. */
  readonly domainId: string;
  /** Present for temporary AK/SK (STS): sent, and signed, as `X-Security-Token`. */
  readonly securityToken?: string | undefined;
}

/** A partner IAM token (domain-scoped) given directly instead of AK/SK. */
export interface PartnerTokenCredentials {
  readonly token: string;
  /** The partner account id, when known: used only to key rate budgets and caches. */
  readonly domainId?: string | undefined;
}

export type ClientCredentials = PartnerCredentials | PartnerTokenCredentials;

export function isTokenCredentials(c: ClientCredentials): c is PartnerTokenCredentials {
  return 'token' in c && typeof c.token === 'string';
}

/**
 * Reads the SDK's environment variables (huawei-auth-and-errors.md §2.6). Returns undefined when AK or SK
 * is missing; blank values count as unset. The domain id is required: without it the SDKs would first ask
 * IAM for it, which we do not do (validation with a clear message is the config module's job).
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): PartnerCredentials | undefined {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const ak = read('HUAWEICLOUD_SDK_AK');
  const sk = read('HUAWEICLOUD_SDK_SK');
  const domainId = read('HUAWEICLOUD_SDK_DOMAIN_ID');
  if (!ak || !sk || !domainId) return undefined;
  const securityToken = read('HUAWEICLOUD_SDK_SECURITY_TOKEN');
  return securityToken ? { ak, sk, domainId, securityToken } : { ak, sk, domainId };
}

/**
 * A stable, non-secret name for a credential, used in rate-budget and cache keys: the AK (an identifier,
 * not a secret, but still never printed by us), or for a bare token its domain id or a short hash.
 */
export function credentialIdentity(c: ClientCredentials): string {
  if (!isTokenCredentials(c)) return `ak:${c.ak}`;
  if (c.domainId) return `domain:${c.domainId}`;
  return `token:${createHash('sha256').update(c.token).digest('hex').slice(0, 16)}`;
}

/** The secret strings of a credential, for redaction of upstream messages (AK included: we never echo it). */
export function secretsOf(c: ClientCredentials): string[] {
  if (isTokenCredentials(c)) return [c.token];
  return [c.ak, c.sk, ...(c.securityToken ? [c.securityToken] : [])];
}
