/**
 * How long upstream work started for a GraphQL operation may run: until the operation's result is complete
 * (its last `@defer`/`@stream` payload included), or the client goes away. A partner-wide consumption pull
 * streams records into a response while it runs; once the response no longer needs it (a `records(first: 2)`
 * window filled, a timeout, a disconnect) its workers must stop spending the upstream quota.
 */
import type { Plugin } from 'graphql-yoga';
import { isAsyncIterable } from './incremental.js';

export interface OperationLifetime {
  /**
   * Aborted when the operation's result is complete, the request is gone or the execution timeout fired. The
   * executor stops starting resolvers on it too (src/limits/timeout.ts): one signal per request for both.
   */
  readonly signal: AbortSignal;
  /** Ends the lifetime (idempotent). */
  end(): void;
  /** Ends it with a reason of its own (the timeout's error); idempotent like `end`. */
  abort(reason: unknown): void;
  /**
   * `callback` runs once when the lifetime ends, however it ends (at once if it has): for what must be given back
   * with the operation (a per-key turn), cheaper than a listener on the signal and its abort event.
   */
  onEnd(callback: () => void): void;
}

/** One reason for every completed operation: made once, not per request (an Error's stack costs). */
const COMPLETE = new Error('the GraphQL operation is complete');

/**
 * The reason work stops when the client went away before its answer (a closed connection, an aborted fetch):
 * nobody will read the answer, so what fails for this reason is no error of the gateway's (src/logger.ts,
 * src/ops/request-log.ts log it as a cancelled request, not a 500).
 */
export class ClientClosedRequest extends Error {
  override readonly name = 'ClientClosedRequest';
}

/** Made once, like COMPLETE. */
const CLIENT_GONE = new ClientClosedRequest('the client closed the request before its answer');

/**
 * A class rather than closures: made on every request, and its methods are shared (each closure made per
 * request cost a function object, and under tsx a name-keeping call too). It is its own listener for the
 * request's abort (`handleEvent`), so no listener function is made either. Its AbortController is made when
 * someone first asks for the signal, not before.
 */
class Lifetime implements OperationLifetime {
  private controller: AbortController | undefined;
  /** Why it ended; undefined while it runs. */
  private reason: unknown;
  private ended = false;
  private callbacks: (() => void)[] | undefined;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.ended) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  end(): void {
    this.finish(COMPLETE);
  }

  abort(reason: unknown): void {
    this.finish(reason);
  }

  onEnd(callback: () => void): void {
    if (this.ended) callback();
    else (this.callbacks ??= []).push(callback);
  }

  /** The request's signal fired: the client is gone. */
  handleEvent(): void {
    this.finish(CLIENT_GONE);
  }

  private finish(reason: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const callbacks = this.callbacks;
    this.callbacks = undefined;
    if (callbacks) for (const callback of callbacks) callback();
  }
}

export function operationLifetime(request?: { readonly signal?: AbortSignal }): OperationLifetime {
  const lifetime = new Lifetime();
  request?.signal?.addEventListener('abort', lifetime, { once: true });
  return lifetime;
}

/** Ends the context's lifetime when execution is done: at once for a single result, at the last payload of a stream. */
export function useOperationLifetime(): Plugin<{ lifetime?: OperationLifetime }> {
  return {
    onExecute({ args }) {
      const lifetime = (args.contextValue as { lifetime?: OperationLifetime }).lifetime;
      if (!lifetime) return undefined;
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) return { onEnd: () => lifetime.end() };
          lifetime.end();
          return undefined;
        },
      };
    },
  };
}
