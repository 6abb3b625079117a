/**
 * The node HTTP server in front of the gateway: what must be settled before yoga sees a request, and what
 * yoga never sees at all.
 *
 * - Slow clients: a request's headers must arrive within `headersTimeoutMs` and the whole request within
 *   `requestTimeoutMs` (408, then the connection is closed); an idle keep-alive connection is closed after
 *   `keepAliveTimeoutMs`; beyond `maxConnections` open connections a new one is closed at once (logged).
 *   The request timeout covers receiving the request only: a long execution is bounded by the execution
 *   timeout of the query limits.
 * - A request whose URL cannot be built: yoga's node adapter builds `http://${Host}${target}` and answers a
 *   URL that does not parse with a 500 and a stack trace in text/plain. A Host that is not `host[:port]`,
 *   a missing or repeated Host, a target that is not a path (absolute-form `POST http://other/graphql`,
 *   `OPTIONS *`) get a 400 here instead.
 * - What node's HTTP parser refuses (`clientError`): the same JSON body with 400, 431 (headers too large)
 *   or 408 (too slow), where the socket can still take it.
 *
 * Every refusal has the GraphQL-over-HTTP error shape with a code and is logged as one line with the
 * request id, status and code: never the headers, the Host or the raw bytes (they may hold a key).
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { BAD_REQUEST } from './error-codes.js';
import { errorBody, JSON_CONTENT_TYPE } from './http-edge.js';
import { PAYLOAD_TOO_LARGE } from './limits/body-limit.js';
import type { Log } from './ops/log.js';
import { requestIdFrom } from './ops/request-scope.js';

export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

export interface HttpServerLimits {
  /** A client still sending a request's headers after this gets 408 and is disconnected. */
  readonly headersTimeoutMs: number;
  /** A client still sending a request (headers and body) after this gets 408 and is disconnected. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; a connection beyond them is closed at once. */
  readonly maxConnections: number;
}

export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/** Dropped connections are logged at most this often, with the count since the last line. */
const DROP_LOG_INTERVAL_MS = 10_000;

interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** For the log: which rule (never the offending value). */
  readonly reason: string;
}

const badRequest = (message: string, reason: string): Refusal => ({ status: 400, code: BAD_REQUEST, message, reason });

// host = IP-literal in brackets, or an IPv4 address or registered name (RFC 3986), then an optional port.
// No userinfo, path, query or whitespace: those would move the URL yoga builds somewhere else.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]+)(?::\d*)?$/;

// Hosts the URL parser always accepts, so the parse below can be skipped for them (nearly every request): a name
// whose last label starts with a letter (never read as an IPv4 number) and with no "--" (no punycode to decode), or a dotted quad of 0–255 without leading
// zeros, with at most a 4-digit port or a 5-digit one up to 65535. Anything else is parsed, as before.
const PLAIN_HOST = /^(?!.*--)(?:(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::(?:\d{1,4}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5]))?$/;
// A target of plain path characters (and an optional query of the same and = &): what clients normally send.
const PLAIN_TARGET = /^\/[A-Za-z0-9_\-./]*(?:\?[A-Za-z0-9_\-./=&%]*)?$/;

/** Why the URL yoga would build from this request cannot be trusted, or null. */
export function requestProblem(req: IncomingMessage): Refusal | null {
  const target = req.url ?? '';
  if (!target.startsWith('/')) {
    return badRequest('The request target must be a path such as /graphql; absolute URLs (proxy requests) and "*" are not served.', 'request target not a path');
  }
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts++;
  if (hosts > 1) return badRequest('The request carries more than one Host header.', 'repeated Host header');
  const host = req.headers.host;
  if (host === undefined || host === '') {
    // HTTP/1.0 may omit it (yoga then uses the local address); HTTP/1.1 must send it (RFC 9112 §3.2).
    return req.httpVersion === '1.0' ? null : badRequest('An HTTP/1.1 request must carry a Host header.', 'missing Host header');
  }
  if (!HOST.test(host)) return badRequest('The Host header is not a valid host[:port].', 'invalid Host header');
  // Building a URL was a measurable share of a cached request (bench/hot-path.ts); these always build.
  if (PLAIN_HOST.test(host) && PLAIN_TARGET.test(target)) return null;
  try {
    new URL(`http://${host}${target}`);
  } catch {
    return badRequest('The Host header is not a valid host[:port].', 'invalid Host header');
  }
  return null;
}

/** The path part of an origin-form target, for the log (the query string may hold ids). */
function pathOf(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  const end = target.indexOf('?');
  return (end < 0 ? target : target.slice(0, end)).slice(0, 200);
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, log: Log, startedAt: number): void {
  const requestId = requestIdFrom(typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : null);
  const body = errorBody(refusal.message, refusal.code);
  res.shouldKeepAlive = false;
  res.writeHead(refusal.status, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-request-id': requestId,
    connection: 'close',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  log.info(
    {
      requestId, method: req.method ?? null, path: pathOf(req.url), status: refusal.status, durationMs: Date.now() - startedAt,
      errorCodes: [refusal.code], reason: refusal.reason,
    },
    'http request',
  );
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

/** Node's own refusals (its default handler answers the same statuses with no body). */
function clientErrorRefusal(code: string | undefined, limits: HttpServerLimits): Refusal {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408, code: REQUEST_TIMEOUT, reason: 'request timeout',
        message: `The request did not arrive in time: headers within ${limits.headersTimeoutMs} ms, the whole request within ${limits.requestTimeoutMs} ms.`,
      };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: BAD_REQUEST, reason: 'headers too large', message: 'The request headers are larger than the server accepts.' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: PAYLOAD_TOO_LARGE, reason: 'chunk extensions too large', message: 'The chunk extensions of the request body are too large.' };
    default:
      return badRequest('The request is not valid HTTP/1.1; the server could not parse it.', 'unparsable request');
  }
}

function rawResponse(refusal: Refusal, requestId: string): string {
  const body = errorBody(refusal.message, refusal.code);
  return (
    `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Bad Request'}\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * The gateway (or any request listener) behind a node HTTP server with the limits above. Listening is
 * the caller's (`server.listen`).
 */
export function createHttpServer(gateway: RequestListener, limits: HttpServerLimits, log: Log): Server {
  // The response in progress on each socket: a parser error on a socket whose response has begun must not
  // write into it (node's own handler has the same rule).
  const inProgress = new WeakMap<Duplex, ServerResponse>();
  // One listener for every response (a closure per request was a function object each time): `this` is the response.
  function forget(this: ServerResponse): void {
    if (inProgress.get(this.req.socket) === this) inProgress.delete(this.req.socket);
  }
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often node looks for requests past their timeouts (its default, 30 s, would outlast short ones).
      connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4))),
      // A missing Host is answered below, in JSON, like an invalid one.
      requireHostHeader: false,
    },
    (req, res) => {
      const startedAt = Date.now();
      const problem = requestProblem(req);
      if (problem) {
        refuse(req, res, problem, log, startedAt);
        return;
      }
      inProgress.set(req.socket, res);
      res.once('close', forget);
      gateway(req, res);
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const started = inProgress.get(socket)?.headersSent ?? false;
    if (error.code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const refusal = clientErrorRefusal(error.code, limits);
    // The error's raw packet may hold an Authorization header: only the code is logged. The request (if
    // any) was not parsed, so the id is always a fresh one.
    const requestId = requestIdFrom(null);
    log.info({ requestId, status: refusal.status, errorCodes: [refusal.code], reason: refusal.reason, parserCode: error.code ?? null }, 'http client error');
    socket.end(rawResponse(refusal, requestId), () => socket.destroy());
    // A peer that never reads must not keep the socket open.
    setTimeout(() => socket.destroy(), 1_000).unref();
  });

  let dropped = 0;
  let lastDropLog = 0;
  server.on('drop', () => {
    dropped++;
    const now = Date.now();
    if (now - lastDropLog < DROP_LOG_INTERVAL_MS) return;
    log.warn({ dropped, maxConnections: limits.maxConnections }, 'connections refused: the server has maxConnections open (PARTNER_GRAPH_MAX_CONNECTIONS)');
    dropped = 0;
    lastDropLog = now;
  });
  return server;
}
