/**
 * The real node server (src/http-server.ts) in front of the gateway, over raw sockets: fetch would
 * normalise the Host header and the request target, and cannot send what node's parser refuses. Every
 * malformed request gets a 4xx JSON body with a code (never a 500 or a stack trace) and a log line without
 * the request's secrets; slow clients are disconnected after the configured timeouts; maxConnections holds.
 */
import { spawn } from 'node:child_process';
import { createServer as createNetServer, connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServerLimits } from '../../src/http-server.js';
import { createLog } from '../../src/ops/log.js';
import { startStack, type Stack } from '../support/stack.js';

const LIMITS: HttpServerLimits = { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, maxConnections: 50 };
const SECRET = 'Bearer pg_secret-key-that-must-never-be-logged';

interface RawAnswer {
  readonly status: number | null;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The server closed the connection (end or reset) before `waitMs`. */
  readonly closed: boolean;
  readonly elapsedMs: number;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function parseAnswer(raw: string): Pick<RawAnswer, 'status' | 'headers' | 'body'> {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return { status: null, headers: {}, body: raw };
  const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    for (let at = 0; ; ) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.slice(at, eol), 16);
      if (!size) break;
      decoded += body.slice(eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    body = decoded;
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? NaN), headers, body };
}

/** Writes `text` on a fresh connection and collects what comes back until the server closes or `waitMs` passes. */
function exchange(port: number, text: string, waitMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let raw = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseAnswer(raw), closed, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

function expectJsonError(answer: RawAnswer, status: number, code: string, label: string): void {
  expect(answer.status, `${label}: ${answer.body}`).toBe(status);
  expect(answer.headers['content-type'], label).toBe('application/json; charset=utf-8');
  const body = JSON.parse(answer.body) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.extensions.code, label).toBe(code);
  expect(body.errors[0]!.message.length, label).toBeGreaterThan(10);
  expect(answer.body, label).not.toMatch(/\n\s+at |Error:/);
}

describe('the node HTTP server in front of the gateway', () => {
  let stack: Stack;
  let server: Server;
  let port: number;
  const logChunks: string[] = [];
  const logLines = () => logChunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logChunks.push(chunk.toString('utf8'));
        done();
      },
    });
    // One log for the server and the gateway: every line of either is checked.
    const log = createLog('info', sink);
    stack = await startStack({ customers: 5, log });
    server = createHttpServer(stack.gateway, LIMITS, log);
    port = await listen(server);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stack.close();
  });

  const request = (head: string, body = '') => `${head}\r\nAuthorization: ${SECRET}\r\nConnection: close\r\n\r\n${body}`;

  it('answers a request whose Host or target yoga could not build a URL from with 400 JSON, on every route', async () => {
    stack.bss.counter.reset();
    const cases: [string, string][] = [];
    for (const path of ['/graphql', '/healthz', '/readyz', '/metrics', '/export/consumption?cycle=2026-01', '/nope']) {
      // 1.2.3.256, 127.0.0.1:65536 and a.xn--a pass the Host pattern but no URL parser: the fast path must not take them.
      for (const host of ['a b', '[::1', 'x:99999', '%', 'user@evil.example', 'evil.example/x?', '1.2.3.256', '127.0.0.1:65536', 'a.xn--a']) cases.push([`host ${JSON.stringify(host)} ${path}`, request(`GET ${path} HTTP/1.1\r\nHost: ${host}`)]);
      cases.push([`no Host ${path}`, request(`GET ${path} HTTP/1.1`)]);
      cases.push([`two Hosts ${path}`, request(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nHost: other.example`)]);
    }
    cases.push(['absolute-form target', request(`POST http://other.example/graphql HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 26`, '{"query":"{ __typename }"}')]);
    cases.push(['absolute-form target to ourselves', request(`GET http://localhost:${port}/healthz HTTP/1.1\r\nHost: localhost:${port}`)]);
    cases.push(['asterisk-form target', request(`OPTIONS * HTTP/1.1\r\nHost: localhost`)]);
    for (const [label, text] of cases) {
      const answer = await exchange(port, text);
      expectJsonError(answer, 400, 'BAD_REQUEST', label);
      expect(answer.headers['x-request-id'], label).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.closed, label).toBe(true);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // Logged, one line each, with the status and code and none of the request's secrets or its Host.
    const refused = logLines().filter((l) => l['msg'] === 'http request' && l['status'] === 400);
    expect(refused.length).toBe(cases.length);
    expect(refused.every((l) => (l['errorCodes'] as string[])[0] === 'BAD_REQUEST' && typeof l['requestId'] === 'string' && typeof l['reason'] === 'string')).toBe(true);
    const text = logChunks.join('');
    expect(text).not.toContain('pg_secret');
    expect(text).not.toContain('evil.example');
    // Still serving, on the same routes.
    const ok = await exchange(port, request('GET /healthz HTTP/1.1\r\nHost: localhost'));
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { status: 'ok' }]);
  });

  it('serves HTTP/1.0 without a Host, and an IPv6 or named host with a port', async () => {
    for (const text of [
      'GET /healthz HTTP/1.0\r\n\r\n',
      request('GET /healthz HTTP/1.1\r\nHost: [::1]:4000'),
      request('GET /healthz HTTP/1.1\r\nHost: gateway.internal.example:8080'),
    ]) {
      const answer = await exchange(port, text);
      expect([answer.status, answer.body], text).toEqual([200, '{"status":"ok"}']);
    }
  });

  it("answers what node's HTTP parser refuses with 400 or 431 JSON", async () => {
    const cases: [string, string, number][] = [
      ['not HTTP', 'GARBAGE\r\n\r\n', 400],
      ['a header without a colon', 'GET /graphql HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n', 400],
      ['a control character in a header value', `GET /graphql HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\n\r\n`, 400],
      ['both Content-Length and chunked', 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['a bad chunk size', 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
      ['headers of 20 KiB', `GET /graphql HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(20 * 1024)}\r\n\r\n`, 431],
    ];
    for (const [label, text, status] of cases) {
      const answer = await exchange(port, text);
      expectJsonError(answer, status, 'BAD_REQUEST', label);
      expect(answer.closed, label).toBe(true);
      expect(logLines().filter((l) => l['requestId'] === answer.headers['x-request-id']).map((l) => [l['msg'], l['status']]), label).toEqual([['http client error', status]]);
    }
    const lines = logLines().filter((l) => l['msg'] === 'http client error');
    expect(lines.length).toBeGreaterThanOrEqual(cases.length);
    expect(lines.every((l) => typeof l['parserCode'] === 'string' && !('rawPacket' in l))).toBe(true);
  });

  it('answers an unknown path with a JSON 404 NOT_FOUND, GraphiQL asset paths included', async () => {
    for (const path of ['/nope', '/export/other', '/graphql/extra', '/graphiql/nope.js', '/graphiql/%E0%A4%A', '/']) {
      const answer = await exchange(port, request(`GET ${path} HTTP/1.1\r\nHost: localhost`));
      expectJsonError(answer, 404, 'NOT_FOUND', path);
    }
  });

  it('answers a GET with variables that are not JSON with 400 BAD_REQUEST naming the parameter', async () => {
    const query = encodeURIComponent('query Q($n: Int) { __typename }');
    for (const [name, value] of [['variables', '{x'], ['extensions', '{"a":']] as const) {
      const res = await fetch(`http://127.0.0.1:${port}/graphql?query=${query}&${name}=${encodeURIComponent(value)}`, {
        headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string; parameter: string } }[] };
      expect(body.errors.map((e) => [e.extensions.code, e.extensions.parameter])).toEqual([['BAD_REQUEST', name]]);
      expect(body.errors[0]!.message).toContain(`"${name}"`);
    }
  });

  it('disconnects a client that holds a request open: headers after headersTimeoutMs, a body after requestTimeoutMs (408)', async () => {
    const headers = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expectJsonError(headers, 408, 'REQUEST_TIMEOUT', 'partial headers');
    expect(headers.closed).toBe(true);
    expect(headers.elapsedMs).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(headers.elapsedMs).toBeLessThan(4_000);

    const body = await exchange(port, 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    expectJsonError(body, 408, 'REQUEST_TIMEOUT', 'partial body');
    expect(body.closed).toBe(true);
    expect(body.elapsedMs).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 50);
    expect(body.elapsedMs).toBeLessThan(4_000);
    // The gateway, whose body read the closed connection cut, counts it as the client's (400), not its own 500
    // (so does the bad chunk size above, which node refused after handing the request over).
    const posts = () => logLines().filter((l) => l['msg'] === 'graphql request' && l['method'] === 'POST');
    await expect.poll(() => posts().length).toBe(2);
    expect(posts().map((l) => [l['status'], l['errorCodes']])).toEqual([[400, ['BAD_REQUEST']], [400, ['BAD_REQUEST']]]);
    expect(logLines().filter((l) => (l['level'] as number) >= 50)).toEqual([]);
    // Still serving.
    const ok = await exchange(port, request('GET /healthz HTTP/1.1\r\nHost: localhost'));
    expect(ok.status).toBe(200);
  });

  it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
    const answer = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs - 50);
    expect(answer.elapsedMs).toBeLessThan(4_000);
  });
});

describe('the node HTTP server limits', () => {
  it('lets a response take longer than requestTimeoutMs once the request has arrived', async () => {
    const log = createLog('silent');
    const slow = createHttpServer((_req, res) => void setTimeout(() => res.end('done'), 600), { ...LIMITS, headersTimeoutMs: 200, requestTimeoutMs: 200 }, log);
    const port = await listen(slow);
    try {
      const answer = await exchange(port, 'GET /slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect([answer.status, answer.body]).toEqual([200, 'done']);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('honours maxConnections: a connection beyond it is closed unanswered, and one is accepted again once another closes', async () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    const server = createHttpServer((_req, res) => res.end('ok'), { ...LIMITS, headersTimeoutMs: 5_000, requestTimeoutMs: 5_000, maxConnections: 2 }, createLog('info', sink));
    const port = await listen(server);
    const accepted: Socket[] = [];
    server.on('connection', (socket) => accepted.push(socket));
    const open = () => new Promise<Socket>((resolve) => {
      const s = connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', () => undefined);
    });
    try {
      const held = [await open(), await open()];
      await expect.poll(() => accepted.length).toBe(2);
      const third = await exchange(port, 'GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', 3_000);
      expect(third.closed).toBe(true);
      expect(third.status).toBeNull();
      expect(chunks.join('')).toContain('maxConnections');
      held[0]!.destroy();
      await expect.poll(() => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)))).toBeLessThan(2);
      const fourth = await exchange(port, 'GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', 3_000);
      expect([fourth.status, fourth.body]).toEqual([200, 'ok']);
      held[1]!.destroy();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('npm start', () => {
  it('with DATABASE_URL set and PostgreSQL unreachable, does not serve: one line naming DATABASE_URL, exit 1, no password', async () => {
    const closed = createNetServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise((resolve) => closed.close(resolve));
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: '0', HOST: '127.0.0.1', SIMULATOR_CUSTOMERS: '1', LOG_LEVEL: 'silent',
      DATABASE_URL: `postgres://gateway:s3cret-password@127.0.0.1:${port}/partner_graph`, PARTNER_GRAPH_SYNC: 'off',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^State store: DATABASE_URL is set but PostgreSQL could not be opened \(.+\); not serving\.$/m);
    expect(stderr + stdout).not.toContain('s3cret-password');
    expect(stdout).not.toContain('GraphiQL');
  }, 60_000);

  it('with the port taken, says so in one line naming PORT and exits 1', async () => {
    const holder = createNetServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as AddressInfo).port)));
    try {
      const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), HOST: '127.0.0.1', SIMULATOR_CUSTOMERS: '1', LOG_LEVEL: 'silent' };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toEqual([
        `Cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE). Set PORT to a free port (e.g. PORT=${port + 1} npm start) or stop the process holding it.`,
      ]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 60_000);
});
