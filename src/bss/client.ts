/**
 * The BSS client: everything between a resolver and Huawei Cloud. A resolver names an operation (an
 * `OperationSpec` from `operations/`) and a request object; the client picks the credential (partner
 * AK/SK or token, or a customer token via IAM assume_role), builds the wire request from the spec, waits
 * for the API's rate budget, signs, sends over a keep-alive undici pool, retries reads that may succeed
 * on a second try, and returns the lossless wire body or throws a `BssError`.
 */
import { setMaxListeners } from 'node:events';
import { CallCounter, type RequestHook } from './call-counter.js';
import type { CallOptions, PaginateOptions } from './call-options.js';
import { credentialIdentity, isTokenCredentials, secretsOf, type ClientCredentials } from './credentials.js';
import { CustomerTokens } from './customer-tokens.js';
import { BudgetShare } from './budget-share.js';
import { BssError } from './errors.js';
import { buildHttpRequest } from './http-request.js';
import { IAM_AGENCY_TOKEN_OPERATION, IamClient } from './iam-client.js';
import type { OperationSpec } from './operations/spec.js';
import { collectPages, walkPages, type Page, type PageItem } from './paginate.js';
import { DEFAULT_TENANT, RateBudget } from './rate-budget.js';
import { DEFAULT_DEADLINES, deadlineFor, type ResponseDeadlines } from './deadlines.js';
import { inSharedLoad } from './shared-load.js';
import type { StartSlots } from './start-slots.js';
import { redactor } from './response.js';
import { DEFAULT_RETRY, abortedError, type RetryOptions } from './retry.js';
import { Sender, withAttempts, withForOperation, type Auth, type SendSpec, type SigningConfig } from './sender.js';
import { realSleep, systemClock, type Clock, type Sleep } from './time.js';
import { UndiciTransport, type Transport } from './transport.js';

export type { CallOptions, PaginateOptions } from './call-options.js';

export interface BssClientOptions {
  /** BSS origin, e.g. `https://bss.myhuaweicloud.com` or the simulator's URL. */
  readonly endpoint: string;
  /** IAM origin for customer tokens. Default `https://iam.myhuaweicloud.com`. */
  readonly iamEndpoint?: string | undefined;
  /** Partner AK/SK (optionally temporary, with a security token) or a partner token. */
  readonly credentials: ClientCredentials;
  /** The agency customers grant the partner (its `xaccountType`). Without it customer-only calls fail with `no-agency`. */
  readonly agencyName?: string | undefined;
  readonly rate?: {
    /** Requests per second per API per credential. Default 10 (Huawei's default quota). */
    readonly perSecond?: number | undefined;
    /** By operation name; wins over the spec's documented quota. */
    readonly perOperation?: Readonly<Record<string, number>> | undefined;
    /**
     * Headroom against arrival jitter: any quota + 1 consecutive calls of one API span at least 1 s + this
     * (src/bss/rate-budget.ts). Default 0, the exact quota; the gateway sets PARTNER_GRAPH_RATE_GUARD_MS (50).
     */
    readonly guardMs?: number | undefined;
    /**
     * Where starts are booked (src/bss/start-slots.ts). Default: in this process. Replicas pass the store's
     * shared slots (main.ts) so that together they stay within each API's quota.
     */
    readonly slots?: StartSlots | undefined;
    /** Told when the shared slots fail (the budget books in memory meanwhile). */
    readonly onSlotsError?: ((error: unknown) => void) | undefined;
  };
  readonly retry?: Partial<RetryOptions> | undefined;
  readonly timeouts?: {
    readonly connectMs?: number | undefined;
    /**
     * Deadline for headers and body of one attempt, by kind (src/bss/deadlines.ts): a read, a read of a bill or
     * consumption page, a write. Defaults 5 s, 20 s, 30 s (`DEFAULT_DEADLINES`).
     */
    readonly readMs?: number | undefined;
    readonly billReadMs?: number | undefined;
    readonly writeMs?: number | undefined;
    /** One deadline for every kind the three above leave unset (tests that want one short deadline). */
    readonly responseMs?: number | undefined;
    readonly keepAliveMs?: number | undefined;
  };
  readonly tokens?: {
    /** Renew customer tokens this long before they expire. Default 1 h. */
    readonly refreshMarginMs?: number | undefined;
    /** Remember "customer has no agency" this long. Default 5 min. */
    readonly negativeTtlMs?: number | undefined;
    readonly maxEntries?: number | undefined;
  };
  readonly signing?: SigningConfig | undefined;
  /** Called after every HTTP attempt (metrics, logs). Never given a header, body or secret. */
  readonly onRequest?: RequestHook | undefined;
  /** Called when an attempt queued in the per-API rate budget before starting (metrics, logs). */
  readonly onThrottleWait?: ((event: ThrottleWaitEvent) => void) | undefined;
  readonly userAgent?: string | undefined;
  /** Injectable time and randomness, for tests. */
  readonly clock?: Clock | undefined;
  readonly sleep?: Sleep | undefined;
  readonly random?: (() => number) | undefined;
  /** Replaces the undici transport (tests, custom proxies). The client then does not own its pool. */
  readonly transport?: Transport | undefined;
}

/** One attempt that waited for its API's rate budget: the operation and how long, nothing else. */
export interface ThrottleWaitEvent {
  readonly operation: string;
  readonly waitedMs: number;
}

/** BSS answered 401 because the customer token is stale (iam-tokens.md §5.5, §6.4). */
function isTokenRejected(error: BssError): boolean {
  return error.kind === 'upstream' && error.httpStatus === 401 && (/^APIGW?\.030[17]$/.test(error.code) || error.code === 'CBC.0154');
}

/** The tenant of a `withBudgetShare` view's calls (the background sync). */
export const SHARE_TENANT = 'sync';

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class BssClient {
  readonly counter = new CallCounter();
  private readonly endpoint: string;
  private readonly identity: string;
  private readonly partnerAuth: Auth;
  private readonly transport: Transport;
  private readonly ownsTransport: boolean;
  private readonly budget: RateBudget;
  private readonly sender: Sender;
  private readonly tokens: CustomerTokens;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly guardMs: number;
  private readonly deadlines: ResponseDeadlines;
  /** Set on a `withBudgetShare` view only: the share its calls also pass. */
  private readonly share: BudgetShare | undefined;
  /** A `withBudgetShare` view's own count of its calls (the shared `counter` counts them too). */
  readonly shareCounter: CallCounter | undefined;
  /** Whose calls these are, for fair queueing in the budget (set on `forRequest` and `withBudgetShare` views). */
  readonly tenant: string = DEFAULT_TENANT;
  /**
   * Set on a `forRequest` view: its calls' default signal (the request's lifetime). Public so a view above it
   * (a cross-request cache) can end a request's wait for shared work with the request.
   */
  readonly requestSignal: AbortSignal | undefined;
  private closed: Promise<void> | undefined;

  constructor(options: BssClientOptions) {
    this.endpoint = new URL(options.endpoint).origin;
    const clock = options.clock ?? systemClock;
    const sleep = options.sleep ?? realSleep;
    this.clock = clock;
    this.sleep = sleep;
    this.guardMs = options.rate?.guardMs ?? 0;
    this.share = undefined;
    this.shareCounter = undefined;
    this.requestSignal = undefined;
    const credentials = options.credentials;
    this.identity = credentialIdentity(credentials);
    this.partnerAuth = isTokenCredentials(credentials) ? { kind: 'token', token: credentials.token } : { kind: 'aksk', credentials };
    const t = options.timeouts;
    this.deadlines = {
      readMs: t?.readMs ?? t?.responseMs ?? DEFAULT_DEADLINES.readMs,
      billReadMs: t?.billReadMs ?? t?.responseMs ?? DEFAULT_DEADLINES.billReadMs,
      writeMs: t?.writeMs ?? t?.responseMs ?? DEFAULT_DEADLINES.writeMs,
    };
    this.ownsTransport = options.transport === undefined;
    this.transport =
      options.transport ??
      new UndiciTransport({
        connectTimeoutMs: t?.connectMs,
        // Every call names its deadline; this one is for the IAM token exchange, a read.
        responseTimeoutMs: this.deadlines.readMs,
        longestTimeoutMs: Math.max(this.deadlines.readMs, this.deadlines.billReadMs, this.deadlines.writeMs),
        keepAliveTimeoutMs: t?.keepAliveMs,
      });
    const onThrottleWait = options.onThrottleWait;
    this.budget = new RateBudget({
      perSecond: options.rate?.perSecond,
      perOperation: options.rate?.perOperation,
      guardMs: options.rate?.guardMs,
      ...(options.rate?.slots ? { slots: options.rate.slots } : {}),
      ...(options.rate?.onSlotsError ? { onSlotsError: options.rate.onSlotsError } : {}),
      clock,
      sleep,
      // Budget keys are `<credential>|<operation>`: only the operation leaves the client.
      ...(onThrottleWait ? { onWait: (key: string, waitedMs: number) => onThrottleWait({ operation: key.slice(key.lastIndexOf('|') + 1), waitedMs }) } : {}),
    });
    const partnerSecrets = secretsOf(credentials);
    const redactWith = (extra: readonly string[]) => redactor(() => [...partnerSecrets, ...extra]);
    this.sender = new Sender({
      transport: this.transport,
      budget: this.budget,
      counter: this.counter,
      onRequest: options.onRequest,
      retry: { ...DEFAULT_RETRY, ...definedOnly(options.retry) },
      clock,
      sleep,
      random: options.random ?? Math.random,
      // The IAM token exchange names no deadline: it has the transport's default, the read deadline.
      defaultTimeoutMs: this.deadlines.readMs,
      signing: options.signing ?? {},
      userAgent: options.userAgent ?? 'partner-graph/0.1',
      redact: (text, extra = []) => redactWith(extra)(text),
    });
    const iam = new IamClient({
      endpoint: new URL(options.iamEndpoint ?? 'https://iam.myhuaweicloud.com').origin,
      credentials,
      sender: this.sender,
      identity: this.identity,
      rate: this.budget.rateFor({ name: IAM_AGENCY_TOKEN_OPERATION }),
      clock,
      counter: this.counter,
    });
    this.tokens = new CustomerTokens({
      iam,
      identity: this.identity,
      agencyName: options.agencyName,
      refreshMarginMs: options.tokens?.refreshMarginMs,
      negativeTtlMs: options.tokens?.negativeTtlMs,
      maxEntries: options.tokens?.maxEntries,
      clock,
    });
  }

  /** One logical call; resolves with the wire response body (lossless: non-integer numbers are exact strings). */
  async call<Req, Res>(op: OperationSpec<Req, Res>, req: Req, opts: CallOptions = {}): Promise<Res> {
    if (this.closed) throw new Error('BssClient is closed');
    const customerId = opts.customerId;
    // Wrong credentials for an endpoint are a programming error, not an upstream answer: fail loudly.
    if (op.caller === 'customer' && !customerId) throw new TypeError(`${op.name} is customer-only: pass { customerId }`);
    if (op.caller === 'partner' && customerId) throw new TypeError(`${op.name} is partner-only: it takes no customerId`);
    this.counter.recordCall(op.name);
    this.shareCounter?.recordCall(op.name);
    // A request view's calls end with the request (its queued slots go back); work shared with other requests does not.
    if (opts.signal === undefined && this.requestSignal && !inSharedLoad()) opts = { ...opts, signal: this.requestSignal };
    const tenant = this.tenant;
    const parts = buildHttpRequest(op, req, { endpoint: this.endpoint, language: opts.language });
    const rate = this.budget.rateFor(op);
    const timeoutMs = deadlineFor(op, this.deadlines);

    if (!customerId) {
      const spec: SendSpec = { operation: op.name, kind: op.kind, rate, caller: 'partner', budgetKey: `${this.identity}|${op.name}`, share: this.share, tenant, timeoutMs, backgroundUntil: opts.backgroundUntil };
      return (await this.sender.send(spec, parts, this.partnerAuth, opts.signal)).body as Res;
    }

    // Huawei counts quotas per account: a customer token spends the customer's quota, not the partner's.
    const spec: SendSpec = { operation: op.name, kind: op.kind, rate, caller: 'customer', budgetKey: `customer:${customerId}|${op.name}`, share: this.share, tenant, timeoutMs, backgroundUntil: opts.backgroundUntil };
    const token = await this.customerToken(op.name, customerId, opts.signal);
    try {
      return (await this.sender.send(spec, parts, { kind: 'token', token }, opts.signal)).body as Res;
    } catch (error) {
      if (!(error instanceof BssError) || !isTokenRejected(error)) throw error;
      // The token died early (revoked, permissions changed: iam-tokens.md §1.7). Renew once and repeat once;
      // safe for writes too, because the gateway rejected the request before BSS saw it.
      this.tokens.invalidate(customerId, token);
      const fresh = await this.customerToken(op.name, customerId, opts.signal);
      try {
        return (await this.sender.send(spec, parts, { kind: 'token', token: fresh }, opts.signal)).body as Res;
      } catch (second) {
        throw second instanceof BssError ? withAttempts(second, error.attempts + second.attempts) : second;
      }
    }
  }

  /** Walks every page (exactly ceil(total / pageSize) calls where the endpoint returns a count). */
  paginate<Req, Res, Item = PageItem<Res>>(op: OperationSpec<Req, Res>, req: Req, opts: PaginateOptions = {}): Promise<{ items: Item[]; total: number }> {
    return collectPages<Req, Res, Item>((o, r, c) => this.call(o, r, c), op, req, opts);
  }

  /** The same walk, one page at a time, each yielded as it arrives. */
  pages<Req, Res, Item = PageItem<Res>>(op: OperationSpec<Req, Res>, req: Req, opts: PaginateOptions = {}): AsyncIterable<Page<Item>> {
    return walkPages<Req, Res, Item>((o, r, c) => this.call(o, r, c), op, req, opts);
  }

  /**
   * The same client (credentials, connections, token cache, the shared per-API budget and counter) whose calls
   * may spend at most `share` of each API's quota: they pass a BudgetShare (src/bss/budget-share.ts) before the
   * shared budget, so work through the view (the background sync) leaves the rest of every quota to the
   * others. Closing the view closes the client.
   */
  withBudgetShare(share: number, tenant = SHARE_TENANT): BssClient {
    const view = Object.create(this) as BssClient;
    Object.defineProperty(view, 'share', { value: new BudgetShare({ share, clock: this.clock, sleep: this.sleep, guardMs: this.guardMs }) });
    Object.defineProperty(view, 'shareCounter', { value: new CallCounter() });
    Object.defineProperty(view, 'tenant', { value: tenant });
    return view;
  }

  /**
   * The same client for one request: its calls queue in the budget as `tenant` (the API key's name), fairly
   * against other tenants, and take `signal` (the request's lifetime) unless they pass their own, so a request
   * that ends or whose client disconnects gives its queued slots back at once. Calls inside `runShared`
   * (src/bss/shared-load.ts: loads other requests join) are not bound to the request.
   */
  forRequest(request: { readonly tenant: string; readonly signal?: AbortSignal | undefined }): BssClient {
    const view = Object.create(this) as BssClient;
    Object.defineProperty(view, 'tenant', { value: request.tenant });
    Object.defineProperty(view, 'requestSignal', { value: request.signal });
    // Every queued call of the request listens on its signal: a partner-wide page queues hundreds. Not a leak.
    if (request.signal) setMaxListeners(0, request.signal);
    return view;
  }

  /** Forgets cached customer tokens and negative agency answers. */
  clearTokenCache(): void {
    this.tokens.clear();
  }

  /** Closes the connection pool (once; later calls fail). */
  close(): Promise<void> {
    this.closed ??= this.ownsTransport ? this.transport.close() : Promise.resolve();
    return this.closed;
  }

  private async customerToken(operation: string, customerId: string, signal: AbortSignal | undefined): Promise<string> {
    try {
      return await this.tokens.get(customerId, signal);
    } catch (error) {
      // The failing call is IAM's; say which BSS operation it stopped, for the caller's error and the logs.
      if (error instanceof BssError) throw error.operation === operation ? error : withForOperation(error, operation);
      if (error instanceof TypeError) throw error;
      if (signal?.aborted) throw abortedError(operation, 0, error);
      throw error;
    }
  }
}
