/**
 * Draining the HTTP server before the process stops, so a replica leaves a load balancer without cutting answers.
 *
 * `attach` counts the requests being answered. `drain` then, at once: marks the gateway as shutting down (readiness
 * answers 503, src/ops/health.ts), stops listening (a new connection is refused), and answers every request from
 * now on — and every one in flight whose headers are not yet sent — with `Connection: close`, so each open
 * connection serves at most the request it carries and then closes. Connections stay open meanwhile: a balancer
 * that probes or sends over a kept-alive connection gets an answer (readiness: not ready), not a reset. Once no
 * request is open, or at the deadline, every connection is closed (at the deadline that cuts the answers still
 * running: the deadline is what the orchestrator allows before it kills the process anyway).
 *
 * Node's `server.close()` is not used to stop listening: it also closes idle kept-alive connections at once, and
 * a probe on one would then meet a reset instead of a 503. `net.Server`'s own `close` stops the listener only.
 */
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

export interface DrainResult {
  /** Requests being answered when the drain began. */
  readonly inFlight: number;
  /** Requests still open at the deadline (their connections were closed). 0 when every answer finished. */
  readonly abandoned: number;
  /** How long the drain took. */
  readonly ms: number;
}

export class HttpDrain {
  private readonly open = new Set<ServerResponse>();
  private started = false;
  /** Called when the last open request ends during a drain. */
  private onQuiet: (() => void) | undefined;

  /** True from the start of the drain: readiness answers 503. */
  get draining(): boolean {
    return this.started;
  }

  /** Requests being answered now. */
  get inFlight(): number {
    return this.open.size;
  }

  /** Counts `server`'s requests; during a drain, answers each with `Connection: close`. */
  attach(server: Server): void {
    // Before the gateway's own listener, so the count includes requests the edge refuses too.
    server.prependListener('request', (_req, res: ServerResponse) => {
      this.open.add(res);
      if (this.started) res.shouldKeepAlive = false;
      res.once('close', () => {
        this.open.delete(res);
        if (this.open.size === 0) this.onQuiet?.();
      });
    });
  }

  /**
   * Stops accepting, lets the requests in flight finish for at most `deadlineMs` (or until `cut` aborts: a second
   * signal), then closes every connection; resolves once the server is closed.
   */
  async drain(server: Server, deadlineMs: number, cut?: AbortSignal): Promise<DrainResult> {
    const began = Date.now();
    this.started = true;
    const inFlight = this.open.size;
    for (const res of this.open) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    if (this.open.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      let onCut: (() => void) | undefined;
      await new Promise<void>((resolve) => {
        this.onQuiet = resolve;
        timer = setTimeout(resolve, deadlineMs);
        onCut = resolve;
        if (cut?.aborted) resolve();
        cut?.addEventListener('abort', onCut, { once: true });
      });
      clearTimeout(timer);
      if (onCut) cut?.removeEventListener('abort', onCut);
      this.onQuiet = undefined;
    }
    const abandoned = this.open.size;
    // Idle kept-alive connections, and at the deadline the ones still answering.
    server.closeAllConnections();
    await closed;
    return { inFlight, abandoned, ms: Date.now() - began };
  }
}
