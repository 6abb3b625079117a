/**
 * Graceful shutdown with a real process (`src/main.ts` as `npm start` runs it, on its embedded simulator with a
 * slow upstream): on SIGTERM readiness answers 503 at once, a new connection is refused, the request in flight
 * gets its whole answer, and the process exits 0 — or, past the drain deadline, the request is cut and the process
 * still exits 0. Times are bounds (the machine is busy); which step ran is read from the process's own log lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';

interface Gateway {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<number | null>;
  /** The JSON log lines written so far. */
  logLines(): Record<string, unknown>[];
  output(): string;
}

async function startGateway(extraEnv: Record<string, string>): Promise<Gateway> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: '0', HOST: '127.0.0.1',
    SIMULATOR_CUSTOMERS: '5', PARTNER_GRAPH_DATA_DIR: 'memory://', PARTNER_GRAPH_SYNC: 'off', LOG_LEVEL: 'info',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start in 60 s:\n${output}`)), 60_000);
    const look = (): void => {
      const m = /GraphiQL at http:\/\/localhost:(\d+)\/graphql/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      resolve(Number(m[1]));
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`the gateway exited (code ${code}) before listening:\n${output}`)));
  });
  return {
    child,
    port,
    exited,
    output: () => output,
    logLines: () => output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function send(port: number, agent: Agent, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Resolves with the error code once a new TCP connection to `port` is refused (connections accepted meanwhile are closed). */
async function refusedWithin(port: number, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    if (outcome !== 'connected') return outcome;
    if (Date.now() > until) return 'still accepting';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const SLOW_QUERY = { query: '{ partner { domainId balances { accountType amount currency } } }' };
const UPSTREAM_LATENCY_MS = 2_500;

describe('npm start, stopped by SIGTERM', () => {
  it('readiness 503 at once, new connections refused, the request in flight answered in full, exit 0', async () => {
    const gateway = await startGateway({ SIMULATOR_LATENCY_MS: String(UPSTREAM_LATENCY_MS) });
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    const client = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // A kept-alive connection, as a balancer holds one; idle when the signal comes.
      expect((await send(gateway.port, probe, 'GET', '/healthz')).status).toBe(200);
      // Every upstream call takes 2.5 s: the first partner read is in flight for that long.
      const slow = send(gateway.port, client, 'POST', '/graphql', SLOW_QUERY);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalledAt = Date.now();
      gateway.child.kill('SIGTERM');

      expect(await refusedWithin(gateway.port, 5_000)).toBe('ECONNREFUSED');
      const ready = await send(gateway.port, probe, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toMatchObject({ status: 'unready', code: 'SHUTTING_DOWN', reason: 'the gateway is shutting down', httpStatus: null });
      // The probe's connection serves that one answer and closes.
      expect(ready.headers.connection).toBe('close');
      expect((await send(gateway.port, new Agent(), 'GET', '/healthz').catch((error: NodeJS.ErrnoException) => error.code))).toBe('ECONNREFUSED');

      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      const body = JSON.parse(answer.body) as { data?: { partner?: { domainId?: string; balances?: unknown[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.partner?.domainId).toMatch(/^[0-9a-f]{32}$/);
      expect(body.data?.partner?.balances?.length).toBeGreaterThan(0);

      expect(await gateway.exited).toBe(0);
      // It waited for the answer (bounds: at least the rest of the upstream call, far less than the 25 s deadline).
      const stoppedAfter = Date.now() - signalledAt;
      expect(stoppedAfter).toBeGreaterThanOrEqual(UPSTREAM_LATENCY_MS - 500 - 50);
      expect(stoppedAfter).toBeLessThan(25_000);
      const events = gateway.logLines().filter((l) => typeof l['event'] === 'string' && String(l['event']).startsWith('shutdown.'));
      expect(events.map((l) => l['event'])).toEqual(['shutdown.start', 'shutdown.drained', 'shutdown.done']);
      expect(events[0]).toMatchObject({ signal: 'SIGTERM' });
      expect(events[1]).toMatchObject({ inFlight: 1, abandoned: 0 });
    } finally {
      probe.destroy();
      client.destroy();
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    }
  }, 90_000);

  it('past the drain deadline the answer still running is cut, and the process still stops in order with exit 0', async () => {
    const gateway = await startGateway({ SIMULATOR_LATENCY_MS: '8000', PARTNER_GRAPH_DRAIN_TIMEOUT_MS: '500' });
    const client = new Agent({ keepAlive: false });
    try {
      const slow = send(gateway.port, client, 'POST', '/graphql', SLOW_QUERY).then(
        (answer) => `answered ${answer.status}`,
        (error: NodeJS.ErrnoException) => error.code ?? 'error',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalledAt = Date.now();
      gateway.child.kill('SIGTERM');
      expect(await slow).toBe('ECONNRESET');
      expect(await gateway.exited).toBe(0);
      // Stopped at the drain deadline, not at the end of the 8 s upstream call.
      expect(Date.now() - signalledAt).toBeLessThan(7_000);
      const drained = gateway.logLines().find((l) => l['event'] === 'shutdown.drained');
      expect(drained).toMatchObject({ inFlight: 1, abandoned: 1, level: 40 });
      expect(gateway.logLines().some((l) => l['event'] === 'shutdown.done')).toBe(true);
    } finally {
      client.destroy();
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    }
  }, 90_000);
});
