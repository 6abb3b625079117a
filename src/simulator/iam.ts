/**
 * The IAM token endpoint on the simulator's port: `POST /v3/auth/tokens` (methods `password` and
 * `assume_role`) and `GET /v3/auth/tokens` (validate), per iam-tokens.md §7, in the decision order of §7.3.
 *
 * Accounts: the partner (root user = account name, the configured password) and every world customer.
 * Agencies: a customer's `agency` (null: none granted), named after the partner's `xaccountType` and trusting
 * the partner's account. Projects: one per simulated region in every account, ids derived from the seed.
 * Errors use the Keystone shape `{"error":{"code":<status>,"message","title"}}` (§5.1 shape 1); an AK/SK
 * signature failure on assume_role is the gateway's `APIGW.0301` body (thrown as a GatewayError, inferred).
 */
import type { CustomerRecord, World } from './dataset/world.js';
import { REGIONS } from './dataset/reference.js';
import type { GatewayAuth } from './gateway-auth.js';
import { formatIamTime } from './iam-time.js';
import type { Lockout } from './lockout.js';
import { queryParams } from './query-params.js';
import { headerValue, type ReceivedRequest } from './received-request.js';
import type { TokenRecord, TokenRegistry, TokenScope } from './token-registry.js';

const TITLES: Readonly<Record<number, string>> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

export class IamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'IamError';
  }

  get body(): string {
    return JSON.stringify({ error: { code: this.status, message: this.message, title: TITLES[this.status] ?? 'Error' } });
  }
}

const invalidBody = (): IamError => new IamError(400, 'The request body is invalid');
const wrongPassword = (): IamError => new IamError(401, 'The username or password is wrong.');
const needsAuthentication = (): IamError => new IamError(401, 'The request you have made requires authentication.');
const noRight = (): IamError => new IamError(403, 'You have no right to do this action');

export interface IamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface IamDeps {
  readonly world: World;
  readonly tokens: TokenRegistry;
  readonly auth: GatewayAuth;
  readonly passwordLockout: Lockout;
  readonly clock: () => Date;
  readonly tokenLifetimeMs: number;
  readonly agencyNotFoundStatus: 403 | 404;
  /** The simulator's base URL, for the (unused by our stack) service catalogue. */
  readonly baseUrl: () => string;
  /**
   * Customers beyond the world's: those the partner created through CreateSubCustomer (the partner store's
   * directory), so their agencies work for assume_role too. Default: the world's customers only.
   */
  readonly createdCustomers?: {
    get(customerId: string): CustomerRecord | undefined;
    created(): readonly CustomerRecord[];
  };
}

interface Account {
  readonly id: string;
  readonly name: string;
}

interface Project {
  readonly id: string;
  readonly name: string;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The `auth` object of a token request; 400 unless the body is JSON with `auth.identity` an object. */
function parseAuth(raw: Buffer): JsonObject {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidBody();
  }
  if (!isObject(body) || !isObject(body.auth) || !isObject(body.auth.identity)) throw invalidBody();
  return body.auth;
}

export class IamService {
  private customersByName: Map<string, CustomerRecord> | undefined;
  private readonly partnerUserId: string;

  constructor(private readonly deps: IamDeps) {
    this.partnerUserId = deps.world.random('iam:user:partner-root').hex(32);
  }

  /** `POST /v3/auth/tokens`. Throws IamError (Keystone body) or GatewayError (AK/SK caller failures). */
  createToken(req: ReceivedRequest): IamResponse {
    const auth = parseAuth(req.body);
    const identity = auth.identity as JsonObject;
    const methods = identity.methods;
    const method = Array.isArray(methods) && methods.length === 1 ? methods[0] : undefined;
    const scope = auth.scope;
    const catalog = this.catalogFor(req);
    if (method === 'password' && isObject(identity.password)) return this.passwordToken(identity.password, scope, catalog);
    if (method === 'assume_role' && isObject(identity.assume_role)) return this.assumeRoleToken(req, identity.assume_role, scope, catalog);
    // Other methods (token, totp, federation) are out of scope: the same 400 as a malformed body (inferred).
    throw invalidBody();
  }

  /** `GET /v3/auth/tokens`: the caller by X-Auth-Token (any live token) or AK/SK; the subject in X-Subject-Token. */
  validateToken(req: ReceivedRequest): IamResponse {
    const callerToken = headerValue(req, 'x-auth-token');
    if (headerValue(req, 'authorization')) this.deps.auth.verifySignature(req);
    else if (!callerToken || this.deps.tokens.lookup(callerToken.trim()).status !== 'valid') throw needsAuthentication();
    const subject = headerValue(req, 'x-subject-token')?.trim();
    const found = subject ? this.deps.tokens.lookup(subject) : { status: 'unknown' as const };
    if (found.status !== 'valid') throw new IamError(404, 'X-Subject-Token is invalid in the request');
    return this.respond(200, found.record);
  }

  // -------------------------------------------------------------------------------------------------------

  private passwordToken(password: JsonObject, scope: unknown, catalog: unknown[]): IamResponse {
    const user = password.user;
    if (!isObject(user) || !nonEmptyString(user.name) || typeof user.password !== 'string' || !isObject(user.domain) || !nonEmptyString(user.domain.name)) {
      throw invalidBody();
    }
    const partner = this.deps.world.partner;
    // Only the partner's root user exists (user name = account name); every other name is "wrong" alike.
    if (user.domain.name !== partner.domainName || user.name !== partner.domainName) throw wrongPassword();
    const lockKey = `${partner.domainId}/${user.name}`;
    const now = this.deps.clock();
    // Checked before the password, so the right password during the lock still fails.
    if (this.deps.passwordLockout.isLocked(lockKey, now.getTime())) throw new IamError(401, 'The account is locked.');
    if (user.password !== partner.password) {
      this.deps.passwordLockout.recordFailure(lockKey, now.getTime());
      throw wrongPassword();
    }
    this.deps.passwordLockout.recordSuccess(lockKey);

    const account: Account = { id: partner.domainId, name: partner.domainName };
    const tokenScope = this.scopeWithin(scope, account);
    if (!tokenScope) throw needsAuthentication(); // (inferred) a scope naming another account
    const body: JsonObject = {
      methods: ['password'],
      ...this.times(now),
      catalog,
      ...this.scopeBody(tokenScope, account),
      roles: ['te_admin', 'secu_admin', 'te_agency'].map((name) => ({ id: '0', name })),
      user: { id: this.partnerUserId, name: partner.domainName, password_expires_at: '', domain: account },
    };
    return this.issue('password', account, tokenScope, now, body);
  }

  private assumeRoleToken(req: ReceivedRequest, assumeRole: JsonObject, scope: unknown, catalog: unknown[]): IamResponse {
    // 1. Who is asking: a live password token, or an AK/SK signature (same verifier as BSS).
    const partner = this.deps.world.partner;
    let callerDomainId: string;
    const callerToken = headerValue(req, 'x-auth-token');
    if (callerToken) {
      const found = this.deps.tokens.lookup(callerToken.trim());
      if (found.status !== 'valid') throw new IamError(401, 'The X-Auth-Token is invalid!');
      // (inferred) No chaining: a token got by assume_role cannot assume another role.
      if (found.record.method !== 'password') throw noRight();
      callerDomainId = found.record.domainId;
    } else if (headerValue(req, 'authorization')) {
      callerDomainId = this.deps.auth.verifySignature(req).domainId;
    } else {
      throw needsAuthentication(); // (inferred)
    }

    // 2. The agency and the account it is in.
    const agencyName = nonEmptyString(assumeRole.agency_name) ? assumeRole.agency_name : assumeRole.xrole_name;
    const byId = assumeRole.domain_id;
    const byName = assumeRole.domain_name;
    if (!nonEmptyString(agencyName) || (!nonEmptyString(byId) && !nonEmptyString(byName))) throw invalidBody();
    const customerById = nonEmptyString(byId) ? (this.deps.world.customer(byId) ?? this.deps.createdCustomers?.get(byId)) : undefined;
    const customerByName = nonEmptyString(byName) ? this.customerNamed(byName) : undefined;
    // (inferred) Both given: they must designate the same account.
    if (nonEmptyString(byId) && nonEmptyString(byName) && customerById !== customerByName) throw invalidBody();
    const customer = customerById ?? customerByName;

    // 3–4. Only the partner's root user is a caller here (it holds Agent Operator); the agency must exist in
    // that customer's account, carry the partner's xaccountType as its name and trust the partner's account.
    if (!customer || !customer.agency || agencyName !== partner.xaccountType || callerDomainId !== partner.domainId) {
      throw this.deps.agencyNotFoundStatus === 404 ? new IamError(404, `Could not find agency: ${agencyName}.`) : noRight();
    }
    const account: Account = { id: customer.customerId, name: customer.accountName };
    const tokenScope = this.scopeWithin(scope, account);
    if (!tokenScope) throw noRight();

    const now = this.deps.clock();
    const body: JsonObject = {
      methods: ['assume_role'],
      ...this.times(now),
      catalog,
      ...this.scopeBody(tokenScope, account),
      roles: customer.agency.roles.map((name) => ({ id: '0', name })),
      user: { id: customer.agency.id, name: `${customer.accountName}/${agencyName}`, domain: account },
      assumed_by: {
        user: {
          id: this.partnerUserId,
          name: partner.domainName,
          password_expires_at: '',
          domain: { id: partner.domainId, name: partner.domainName },
        },
      },
    };
    return this.issue('assume_role', account, tokenScope, now, body);
  }

  private issue(method: TokenRecord['method'], account: Account, scope: TokenScope, now: Date, body: JsonObject): IamResponse {
    const record = this.deps.tokens.issue({
      method,
      domainId: account.id,
      scope,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.deps.tokenLifetimeMs),
      body,
    });
    return this.respond(201, record);
  }

  private respond(status: number, record: TokenRecord): IamResponse {
    return { status, headers: { 'X-Subject-Token': record.token }, body: JSON.stringify({ token: record.body }) };
  }

  private times(now: Date): JsonObject {
    return { issued_at: formatIamTime(now), expires_at: formatIamTime(new Date(now.getTime() + this.deps.tokenLifetimeMs)) };
  }

  /**
   * The token's scope inside `account`: none or empty → the account's domain; `project` (by id or name, one
   * of the account's) wins over `domain` (the account itself, by id or name). Null when it names anything else.
   */
  private scopeWithin(scope: unknown, account: Account): TokenScope | null {
    if (scope === undefined || scope === null) return { kind: 'domain' };
    if (!isObject(scope)) return null;
    if (scope.project !== undefined && scope.project !== null) {
      const p = scope.project;
      if (!isObject(p)) return null;
      const project = this.projectsOf(account.id).find((x) => (nonEmptyString(p.id) ? x.id === p.id : x.name === p.name));
      return project ? { kind: 'project', projectId: project.id, projectName: project.name } : null;
    }
    if (scope.domain !== undefined && scope.domain !== null) {
      const d = scope.domain;
      if (!isObject(d)) return null;
      const same = nonEmptyString(d.id) ? d.id === account.id : nonEmptyString(d.name) && d.name === account.name;
      return same ? { kind: 'domain' } : null;
    }
    return { kind: 'domain' };
  }

  private scopeBody(scope: TokenScope, account: Account): JsonObject {
    if (scope.kind === 'domain') return { domain: { id: account.id, name: account.name } };
    return { project: { id: scope.projectId, name: scope.projectName, domain: { id: account.id, name: account.name } } };
  }

  /** One project per simulated region in every account; ids derived from the seed, so they are stable. */
  projectsOf(domainId: string): Project[] {
    return REGIONS.map((region) => ({ id: this.deps.world.random(`iam:project:${domainId}:${region.code}`).hex(32), name: region.code }));
  }

  private customerNamed(name: string): CustomerRecord | undefined {
    // Built on first use only: most runs never look a customer up by name.
    this.customersByName ??= new Map(this.deps.world.customers.map((c) => [c.accountName, c]));
    // Created customers are few and may appear at any time: looked through, not indexed.
    return this.customersByName.get(name) ?? this.deps.createdCustomers?.created().find((c) => c.accountName === name);
  }

  /** `nocatalog` with any non-empty value → `[]` (§1.3); otherwise a small catalogue pointing at the simulator. */
  private catalogFor(req: ReceivedRequest): unknown[] {
    if (queryParams(req.rawQuery).get('nocatalog')) return [];
    const base = this.deps.baseUrl();
    const entry = (type: string, path: string) => {
      const r = this.deps.world.random(`iam:catalog:${type}`);
      return {
        type,
        id: r.hex(32),
        name: type,
        endpoints: [{ url: `${base}${path}`, region: '*', region_id: '*', interface: 'public', id: r.hex(32) }],
      };
    };
    return [entry('iam', '/v3.0'), entry('bssv1', '/v1.0')];
  }
}
