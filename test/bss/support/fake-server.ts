/**
 * A tiny HTTP server for client tests: records every request exactly as received (raw URL, headers,
 * body bytes) and answers from a handler the test sets. Listens on 127.0.0.1:0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  /** Path and query exactly as sent. */
  readonly rawUrl: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** A string is sent verbatim; anything else as JSON. undefined → no body. */
  readonly body?: unknown;
  /** Never answer (to test timeouts). */
  readonly hang?: boolean;
  /** Destroy the socket without an answer. */
  readonly reset?: boolean;
}

export type FakeHandler = (req: Received, index: number) => Reply | Promise<Reply>;

export interface FakeServer {
  readonly url: string;
  readonly requests: Received[];
  handle(handler: FakeHandler): void;
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): Received[];
  close(): Promise<void>;
}

export async function startFakeServer(handler: FakeHandler = () => ({ status: 200, body: {} })): Promise<FakeServer> {
  let current = handler;
  const requests: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawUrl = req.url ?? '/';
      const q = rawUrl.indexOf('?');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const received: Received = {
        method: req.method ?? 'GET',
        rawUrl,
        path: q < 0 ? rawUrl : rawUrl.slice(0, q),
        query: q < 0 ? '' : rawUrl.slice(q + 1),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(received) - 1;
      void Promise.resolve(current(received, index)).then((reply) => {
        if (reply.hang) {
          hanging.add(res);
          return;
        }
        if (reply.reset) {
          req.socket.destroy();
          return;
        }
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    to(prefix) {
      return requests.filter((r) => r.path.startsWith(prefix));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
