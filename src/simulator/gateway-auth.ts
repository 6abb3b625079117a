/**
 * The API gateway's authentication of a request: AK/SK signature or IAM token, exactly in the order of
 * huawei-auth-and-errors.md §6 (and iam-tokens.md §7.4 for tokens).
 *
 * The canonical request is rebuilt from what arrived: the client's own SignedHeaders list with the received
 * values, the raw path and query decoded and strictly re-encoded, and the hash of the raw body bytes (or the
 * `X-Sdk-Content-Sha256` value). So Go-style (`user-agent;x-domain-id;x-sdk-date`, JSON with a trailing
 * newline) and Node-style (`content-type;host;x-domain-id;x-sdk-date`) signatures both verify, and any change
 * to a signed part fails.
 */
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  contentHashHeader,
  hashHex,
  parseAuthorization,
  parseRawQuery,
  parseSdkDate,
  signaturesEqual,
  stringToSign,
} from '../bss/signer.js';
import { formatSdkDate } from '../bss/sdk-date.js';
import type { AccessKey, AccessKeys } from './access-keys.js';
import { apig } from './apig-errors.js';
import type { SimCaller } from './handler.js';
import { formatIamTime } from './iam-time.js';
import type { Lockout } from './lockout.js';
import { headerValue, type ReceivedRequest } from './received-request.js';
import type { TokenRecord, TokenRegistry } from './token-registry.js';

/** The gateway rejects an X-Sdk-Date more than 15 minutes away from its clock, either way (§6 step 4). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export interface Principal extends SimCaller {
  /** What throttling counts per: the AK for signatures, the token's account for tokens. */
  readonly throttleKey: string;
  readonly accessKey?: AccessKey;
  readonly token?: TokenRecord;
}

export interface GatewayAuthDeps {
  readonly keys: AccessKeys;
  readonly tokens: TokenRegistry;
  readonly akLockout: Lockout;
  readonly clock: () => Date;
}

export class GatewayAuth {
  constructor(private readonly deps: GatewayAuthDeps) {}

  /** §6 step 1: a signature if there is an Authorization header, else a token, else 401 `x-auth-token not found`. */
  authenticate(req: ReceivedRequest): Principal {
    if (headerValue(req, 'authorization')) {
      const key = this.verifySignature(req);
      return { kind: key.kind, domainId: key.domainId, via: 'aksk', throttleKey: `ak:${key.ak}`, accessKey: key };
    }
    const tokenText = headerValue(req, 'x-auth-token');
    if (tokenText) {
      const token = this.resolveToken(tokenText);
      return {
        kind: token.method === 'password' ? 'partner' : 'customer',
        domainId: token.domainId,
        via: 'token',
        throttleKey: `domain:${token.domainId}`,
        token,
      };
    }
    throw apig.noCredentials();
  }

  /** A live, domain-scoped token, or the gateway's 401 for it (iam-tokens.md §7.4). */
  resolveToken(tokenText: string): TokenRecord {
    const found = this.deps.tokens.lookup(tokenText.trim());
    switch (found.status) {
      case 'unknown':
        throw apig.decryptTokenFail();
      case 'revoked':
        throw apig.tokenMustBeUpdated();
      case 'expired':
        throw apig.tokenExpires(formatIamTime(found.record.expiresAt));
      case 'valid':
        if (found.record.scope.kind !== 'domain') throw apig.projectScopedToken();
        return found.record;
    }
  }

  /** §6 steps 2–9. Returns the key that signed; throws the gateway's 401 otherwise. Also used by IAM assume_role. */
  verifySignature(req: ReceivedRequest): AccessKey {
    const auth = parseAuthorization(headerValue(req, 'authorization') ?? '');
    if (!auth) throw apig.badAuthorization();
    const key = this.deps.keys.get(auth.ak);
    const now = this.deps.clock();
    // A locked AK is refused before anything else, so even a correct signature fails during the lock.
    if (key && this.deps.akLockout.isLocked(key.ak, now.getTime())) throw apig.akLocked();

    const sdkDate = headerValue(req, 'x-sdk-date');
    if (sdkDate === undefined) throw apig.sdkDateMissing();
    if (!auth.signedHeaders.includes('x-sdk-date')) throw apig.sdkDateNotSigned();
    const signedAt = parseSdkDate(sdkDate.trim());
    if (!signedAt) throw apig.sdkDateInvalid(sdkDate);
    if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) throw apig.signatureExpired(sdkDate.trim(), formatSdkDate(now));

    if (!key) throw apig.unknownAk(auth.ak);
    if (key.securityToken !== undefined) {
      if (key.expiresAt && now.getTime() >= key.expiresAt.getTime()) throw apig.securityTokenExpired();
      if (headerValue(req, 'x-security-token') !== key.securityToken) {
        this.fail(key, now);
        throw apig.securityTokenInvalid();
      }
    }

    const request = canonicalRequest({
      method: req.method,
      canonicalUri: canonicalUri(req.rawPath),
      canonicalQuery: canonicalQuery(parseRawQuery(req.rawQuery)),
      canonicalHeaders: canonicalHeaders(auth.signedHeaders, (name) => headerValue(req, name)),
      signedHeaders: auth.signedHeadersText,
      payloadHash: headerValue(req, contentHashHeader(auth.algorithm))?.trim() ?? hashHex(auth.algorithm, req.body),
    });
    // V11: the credential scope must be for the signing day; region and service are the client's choice.
    const infoOk = auth.algorithm !== 'V11-HMAC-SHA256' || (auth.info?.startsWith(`${sdkDate.trim().slice(0, 8)}/`) ?? false);
    const expected = computeSignature(auth.algorithm, key, stringToSign(auth.algorithm, sdkDate.trim(), hashHex(auth.algorithm, request), auth.info), auth.info);
    if (!infoOk || !signaturesEqual(expected, auth.signature.toLowerCase())) {
      this.fail(key, now);
      throw apig.signatureMismatch(request);
    }
    this.deps.akLockout.recordSuccess(key.ak);

    // X-Domain-Id names the account for global services; with an AK of another account the call is not that
    // account's (inferred: 401 APIGW.0301, the gateway's code for every credential problem).
    const domainId = headerValue(req, 'x-domain-id')?.trim();
    if (domainId && domainId !== key.domainId) throw apig.domainMismatch(domainId);
    return key;
  }

  /**
   * Only failures that suggest a wrong secret count toward the lock (signature, security token); a bad date
   * or clock skew does not, so a client with a drifting clock is not locked out as well (inferred).
   */
  private fail(key: AccessKey, now: Date): void {
    this.deps.akLockout.recordFailure(key.ak, now.getTime());
  }
}
