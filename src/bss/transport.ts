/**
 * The one place that touches the network: an undici Agent we own (keep-alive connections per origin,
 * closed with the client), a connect timeout, and one deadline for the whole response (headers and body)
 * of each attempt (the request's own, src/bss/deadlines.ts, or the transport's default). Failures come back as a `TransportFailure` with our code; the client turns them into
 * `BssError`s that name the operation.
 */
import { Agent } from 'undici';

export interface TransportRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** '' for no body. */
  readonly body: string;
  readonly signal?: AbortSignal | undefined;
  /** This attempt's deadline for the whole response; default: the transport's `responseTimeoutMs`. */
  readonly timeoutMs?: number | undefined;
}

export interface TransportResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

export type TransportFailureCode = 'TRANSPORT.TIMEOUT' | 'TRANSPORT.CONNECTION' | 'TRANSPORT.ABORTED';

/** A request that got no complete HTTP response. The message names the host, never a header. */
export class TransportFailure extends Error {
  /**
   * false when the request provably never reached the server (connection refused, connect timeout, aborted
   * before sending); true when it may have (a write's outcome is then unknown).
   */
  readonly maybeSent: boolean;

  constructor(
    readonly code: TransportFailureCode,
    message: string,
    options?: { cause?: unknown; maybeSent?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TransportFailure';
    this.maybeSent = options?.maybeSent ?? true;
  }
}

export interface UndiciTransportOptions {
  /** TCP + TLS connect timeout per connection. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Deadline for the whole response (headers and body) of an attempt that names none. Default 30 s. */
  readonly responseTimeoutMs?: number;
  /** The longest deadline a request may name: undici's own idle timers are set to it, as a backstop. Default: `responseTimeoutMs`. */
  readonly longestTimeoutMs?: number;
  /** How long an idle keep-alive socket is kept. Default 30 s. */
  readonly keepAliveTimeoutMs?: number;
  /** Connections per origin. Default 32: enough for a queue of requests across many per-API budgets. */
  readonly connections?: number;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
/** Failures to open a connection: the request was never sent, so a write cannot have been carried out. */
const NOT_SENT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export class UndiciTransport implements Transport {
  private readonly agent: Agent;
  private readonly responseTimeoutMs: number;

  constructor(options: UndiciTransportOptions = {}) {
    this.responseTimeoutMs = options.responseTimeoutMs ?? 30_000;
    const backstop = Math.max(this.responseTimeoutMs, options.longestTimeoutMs ?? 0);
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 5_000 },
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connections: options.connections ?? 32,
      // undici's own idle timers are a backstop; the per-attempt deadline below is the real limit.
      headersTimeout: backstop,
      bodyTimeout: backstop,
    });
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const host = request.url.host;
    if (request.signal?.aborted) throw new TransportFailure('TRANSPORT.ABORTED', `request to ${host} aborted`, { cause: request.signal.reason, maybeSent: false });
    const deadline = new AbortController();
    const timeoutMs = request.timeoutMs ?? this.responseTimeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, timeoutMs);
    const onAbort = (): void => deadline.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.agent.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method as 'GET',
        headers: request.headers,
        body: request.body === '' ? null : request.body,
        signal: deadline.signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: flattenHeaders(response.headers), text };
    } catch (error) {
      if (timedOut) {
        throw new TransportFailure('TRANSPORT.TIMEOUT', `no complete response from ${host} within ${timeoutMs} ms`, { cause: error });
      }
      if (request.signal?.aborted) throw new TransportFailure('TRANSPORT.ABORTED', `request to ${host} aborted`, { cause: request.signal.reason });
      const code = errorCode(error);
      const maybeSent = !(code && NOT_SENT_CODES.has(code));
      if (code && TIMEOUT_CODES.has(code)) throw new TransportFailure('TRANSPORT.TIMEOUT', `${code} talking to ${host}`, { cause: error, maybeSent });
      throw new TransportFailure('TRANSPORT.CONNECTION', `${code ?? 'connection failure'} talking to ${host}`, { cause: error, maybeSent });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
