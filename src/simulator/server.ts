/**
 * The embedded Huawei Cloud: BSS and IAM on one loopback port.
 *
 * A BSS request goes through what the real API gateway does, in its order: route (404 APIGW.0101), body size
 * (413), authentication (401 APIGW.0301/0307), who may call (403 CBC.0151), throttling (429 APIGW.0308), then
 * injected faults, and finally the operation's handler with a parsed `SimRequest`. IAM `/v3/auth/tokens`
 * issues and validates the tokens the gateway accepts. Every response carries `X-Request-Id`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { allOperations } from '../bss/operations/index.js';
import type { OperationSpec } from '../bss/operations/spec.js';
import { parseWireJson } from '../bss/wire-json.js';
import { AccessKeys, type AccessKey } from './access-keys.js';
import { GatewayError, apig, gatewayErrorBody } from './apig-errors.js';
import type { PartnerAccount } from './dataset/world.js';
import { Faults, faultConfig, type FaultControl } from './faults.js';
import { GatewayAuth, type Principal } from './gateway-auth.js';
import { CbcError, parameterError, type SimRequest } from './handler.js';
import { handlers } from './handlers/index.js';
import { readBody, writeResponse, type Outgoing } from './http-io.js';
import { IamError, IamService } from './iam.js';
import { normaliseLanguage } from './language.js';
import { Lockout } from './lockout.js';
import {
  DEFAULT_AK_LOCKOUT,
  DEFAULT_PASSWORD_LOCKOUT,
  DEFAULT_TOKEN_LIFETIME_MS,
  type FaultConfig,
  type SimulatorOptions,
} from './options.js';
import { queryParams } from './query-params.js';
import { headerValue, splitTarget, type ReceivedRequest } from './received-request.js';
import { RequestIds } from './request-id.js';
import { Router } from './router.js';
import { SimState } from './state.js';
import { Throttle } from './throttle.js';
import { stringifyResponse } from './wire-out.js';
import { TokenRegistry } from './token-registry.js';

export type { SimulatorOptions, FaultConfig, ExtraRoute } from './options.js';
export type { FaultControl, OnceFault } from './faults.js';

export const DEFAULT_SEED = 42;
export const DEFAULT_CUSTOMERS = 500;

const BSS_JSON = 'application/json;charset=UTF-8';
const GATEWAY_JSON = 'application/json';
const IAM_JSON = 'application/json; charset=UTF-8';
const IAM_PATH = '/v3/auth/tokens';

export interface SimulatorCredentials {
  readonly ak: string;
  readonly sk: string;
  readonly domainId: string;
  readonly domainName: string;
  /** The IAM root user's password (user name = `domainName`). */
  readonly password: string;
  /** The partner's `xaccountType`: the agency name for assume_role. */
  readonly xaccountType: string;
}

export interface TemporaryCredentials {
  readonly ak: string;
  readonly sk: string;
  readonly securityToken: string;
  /** The account the key acts in; `kind` says whether that is the partner or a customer. */
  readonly domainId: string;
  readonly kind: 'partner' | 'customer';
  readonly expiresAt?: Date;
}

export interface RunningSimulator {
  readonly url: string;
  readonly port: number;
  readonly state: SimState;
  readonly credentials: SimulatorCredentials;
  /**
   * The faults: `faults.current` is the configuration in force; `faults.once(operation, fault)` makes the next
   * call of one operation fail exactly so (e.g. `'lost-after-apply'`: applied, answer lost), see `FaultControl`.
   */
  readonly faults: FaultControl;
  /** Same as `faults.set`. */
  setFaults(partial: Partial<FaultConfig>): void;
  /** Back to the faults the simulator started with (scheduled `once` faults are dropped). */
  resetFaults(): void;
  /** Test hook: replace the gateway clock (skew, token expiry, lock-outs, throttle windows); none → wall clock. */
  setClock(clock?: () => Date): void;
  /** Test hooks on IAM tokens: expire one, revoke one, revoke every token acting in an account. */
  expireToken(token: string): boolean;
  revokeToken(token: string): boolean;
  revokeDomainTokens(domainId: string): number;
  /** Test hook: accept a temporary AK/SK bound to an X-Security-Token (e.g. to call as a customer with AK/SK). */
  registerTemporaryCredentials(credentials: TemporaryCredentials): void;
  /** Forgets every throttle window (tests that need a fresh quota). */
  resetThrottle(): void;
  /**
   * Test hook (never on the wire): the code SendVerificationMessageCode last sent to a mobile number (or
   * e-mail) and not yet used, for registration (scene 29, default) or a customer's bank-card authentication
   * (scene 18 with its customer id); undefined when none is live.
   */
  lastVerificationCode(receiver: string, options?: { scene?: 18 | 29; customerId?: string }): string | undefined;
  close(): Promise<void>;
}

/** Starts the simulator; resolves once it listens. Generating the world is eager but cheap (inventories are lazy). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  let clockFn: () => Date = options.clock ?? (() => new Date());
  const clock = (): Date => clockFn();
  const seed = options.seed ?? DEFAULT_SEED;
  const state = new SimState({
    seed,
    customers: options.customers ?? DEFAULT_CUSTOMERS,
    resellers: options.resellers,
    now: options.now ?? clock(),
    partner: options.partner,
    hoursPerUsageRecord: options.hoursPerUsageRecord,
  });
  const world = state.world;
  const partner: PartnerAccount = world.partner;
  const startedAt = performance.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const keys = new AccessKeys();
  keys.add({ ak: partner.ak, sk: partner.sk, kind: 'partner', domainId: partner.domainId });
  const tokens = new TokenRegistry(clock);
  const auth = new GatewayAuth({ keys, tokens, clock, akLockout: new Lockout({ ...DEFAULT_AK_LOCKOUT, ...options.akLockout }) });
  let baseUrl = '';
  const iam = new IamService({
    world,
    tokens,
    auth,
    clock,
    passwordLockout: new Lockout({ ...DEFAULT_PASSWORD_LOCKOUT, ...options.passwordLockout }),
    tokenLifetimeMs: options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS,
    agencyNotFoundStatus: options.agencyNotFoundStatus ?? 403,
    baseUrl: () => baseUrl,
    createdCustomers: state.partners.customers,
  });
  const router = new Router(allOperations, handlers, options.extraRoutes);
  const throttle = new Throttle(clock);
  const throttleOn = options.throttle ?? true;
  const operationNames = new Set([...allOperations, ...(options.extraRoutes ?? []).map((r) => r.op)].map((op) => op.name));
  const faults = new Faults(faultConfig(options.faults), seed, operationNames);
  const requestIds = new RequestIds(seed);

  // Pending sleeps (latency, timeouts, slow bodies) end at close, answering false so the request stops.
  let closing = false;
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: (value: boolean) => void }>();
  const sleep = (ms: number): Promise<boolean> =>
    closing
      ? Promise.resolve(false)
      : new Promise((resolve) => {
          const sleeper = { timer: setTimeout(() => (sleepers.delete(sleeper), resolve(true)), ms), resolve };
          sleepers.add(sleeper);
        });

  /** The dataset's notion of now: the anchor plus the time the simulator has been running. */
  const datasetNow = (): Date => new Date(world.now.getTime() + Math.floor(performance.now() - startedAt));

  async function handleBss(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): Promise<Outgoing | null> {
    const route = router.match(req.method ?? 'GET', rawPath);
    if (route.kind === 'no-path') throw apig.unknownPath();
    if (route.kind === 'no-method') throw apig.unknownMethod();
    const { op } = route;
    const received: ReceivedRequest = { method: req.method ?? 'GET', rawPath, rawQuery, headers: req.headers, body: await readBody(req) };
    const principal = auth.authenticate(received);
    checkCaller(op, principal);
    if (throttleOn) throttle.admit(principal.throttleKey, op);

    const decision = faults.decide(op.name);
    const { fault } = decision;
    if (decision.latencyMs > 0 && !(await sleep(decision.latencyMs))) return null;
    // Faults before apply: the handler never runs, so the state is untouched.
    if (fault.kind === 'timeout') {
      // hang: never answer (the socket is destroyed at close); delay: answer normally, much later.
      if ((fault.mode ?? faults.current.timeoutMode) === 'hang' || !(await sleep(faults.current.timeoutDelayMs))) return null;
    }
    if (fault.kind === 'error') throw fault.error;
    if (fault.kind === 'reset') {
      res.destroy();
      return null;
    }

    const simRequest: SimRequest = {
      op,
      caller: { kind: principal.kind, domainId: principal.domainId, via: principal.via },
      pathParams: route.pathParams,
      query: queryParams(rawQuery),
      body: parseBody(op, received.body),
      language: normaliseLanguage(headerValue(received, 'x-language')),
      now: datasetNow(),
      state,
    };
    const result = await route.handler(simRequest);
    // Faults after apply: the handler has changed the state; only the answer is lost. (A handler's own error
    // is answered normally: nothing was applied.)
    if (fault.kind === 'lost') {
      if (fault.mode === 'gateway-timeout') throw apig.backendTimeout();
      // hang: the response is never written; the client's timeout (or close()) ends the connection.
      if (fault.mode === 'close') res.destroy();
      return null;
    }
    const status = result.status ?? op.successStatus ?? 200;
    let body = status === 204 || result.body === undefined ? '' : stringifyResponse(result.body);
    if (fault.kind === 'malformed' && body.length > 1) body = body.slice(0, Math.floor(body.length / 2));
    const out: Outgoing = { status, contentType: BSS_JSON, body };
    await writeResponse(res, out, { slowMs: decision.slowBody ? faults.current.slowBodyMs : 0, sleep });
    return out;
  }

  async function handleIam(req: IncomingMessage, rawPath: string, rawQuery: string): Promise<Outgoing> {
    const method = req.method ?? 'GET';
    if (method !== 'POST' && method !== 'GET') throw apig.unknownMethod();
    const received: ReceivedRequest = { method, rawPath, rawQuery, headers: req.headers, body: await readBody(req) };
    const answer = method === 'POST' ? iam.createToken(received) : iam.validateToken(received);
    return {
      status: answer.status,
      contentType: IAM_JSON,
      headers: { ...answer.headers, 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache' },
      body: answer.body,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIds.next();
    const began = performance.now();
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('Server', 'api-gateway');
    const { rawPath, rawQuery } = splitTarget(req.url ?? '/');
    const isIam = rawPath === IAM_PATH || rawPath === `${IAM_PATH}/`;
    res.on('finish', () => options.onRequest?.({ method: req.method ?? '', path: rawPath, status: res.statusCode, ms: performance.now() - began }));
    let out: Outgoing | null;
    try {
      if (isIam) {
        out = await handleIam(req, rawPath, rawQuery);
      } else {
        // handleBss writes its own success (it may be slow); errors are written below.
        await handleBss(req, res, rawPath, rawQuery);
        return;
      }
    } catch (error) {
      out = errorResponse(error, requestId, isIam);
    }
    if (out && !closing) await writeResponse(res, out);
  }

  function errorResponse(error: unknown, requestId: string, isIam: boolean): Outgoing {
    if (error instanceof GatewayError) return { status: error.status, contentType: GATEWAY_JSON, body: gatewayErrorBody(error, requestId) };
    if (error instanceof IamError) return { status: error.status, contentType: IAM_JSON, body: error.body };
    if (error instanceof CbcError) {
      return { status: error.status, contentType: BSS_JSON, body: JSON.stringify({ error_code: error.code, error_msg: error.message }) };
    }
    // A bug in a handler must not take the simulator down: log it (no headers, no credentials) and answer 500.
    log(`[simulator] request ${requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (isIam) {
      const message = 'An unexpected error prevented the server from fulfilling your request.';
      return { status: 500, contentType: IAM_JSON, body: JSON.stringify({ error: { code: 500, message, title: 'Internal Server Error' } }) };
    }
    return { status: 500, contentType: BSS_JSON, body: JSON.stringify({ error_code: 'CBC.0999', error_msg: 'System error.' }) };
  }

  // Real IAM tokens run to several kilobytes; allow large headers as the gateway does.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[simulator] unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    port,
    state,
    credentials: {
      ak: partner.ak,
      sk: partner.sk,
      domainId: partner.domainId,
      domainName: partner.domainName,
      password: partner.password,
      xaccountType: partner.xaccountType,
    },
    faults,
    setFaults: (partial) => faults.set(partial),
    resetFaults: () => faults.reset(),
    setClock: (next) => {
      clockFn = next ?? (() => new Date());
    },
    expireToken: (token) => tokens.expire(token),
    revokeToken: (token) => tokens.revoke(token),
    revokeDomainTokens: (domainId) => tokens.revokeDomain(domainId),
    registerTemporaryCredentials: (c) => {
      const key: AccessKey = { ak: c.ak, sk: c.sk, kind: c.kind, domainId: c.domainId, securityToken: c.securityToken, ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}) };
      keys.add(key);
    },
    resetThrottle: () => throttle.reset(),
    lastVerificationCode: (receiver, o = {}) => state.partners.verificationCodes.lastSent(receiver, o.scene ?? 29, o.customerId ?? null)?.code,
    close: async () => {
      if (closing) return;
      closing = true;
      for (const sleeper of sleepers) {
        clearTimeout(sleeper.timer);
        sleeper.resolve(false);
      }
      sleepers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hanging requests (timeout faults) and idle keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Who may call (iam-tokens.md §4.3, bss-api-commerce.md §0.2): customer-only operations refuse the partner's
 * credentials and partner-only ones refuse customer (assume_role) credentials, with 403. Code CBC.0151: the
 * partner reference lists it as "Access denied (wrong credential type, or no permission)", and the commerce
 * reference as the common 403 of these endpoints; CBC.0150/0155 describe illegal operations and bad account
 * credentials, which this is not (huawei-auth-and-errors.md §9.5).
 */
function checkCaller(op: OperationSpec, principal: Principal): void {
  if (op.caller === 'either' || op.caller === principal.kind) return;
  const wanted = op.caller === 'customer' ? 'customer credentials (a token obtained through IAM assume_role)' : 'partner credentials';
  throw new CbcError(403, 'CBC.0151', `Access denied. This API accepts only ${wanted}.`);
}

/**
 * The JSON body, parsed losslessly. Empty → undefined (the handler decides whether it is required). Not JSON →
 * 400 CBC.0100 naming the body: Huawei validates the body as a parameter, and its messages name the parameter
 * that failed (inferred wording).
 */
function parseBody(op: OperationSpec, raw: Buffer): unknown {
  if (!op.hasBody || raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return parseWireJson(text);
  } catch {
    throw parameterError('request body', 'is not valid JSON');
  }
}
