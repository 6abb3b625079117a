/**
 * Operations in progress per API key: at most `maxConcurrent` execute at once for one key, up to `maxQueued`
 * more wait for a turn (in arrival order), and beyond that the key gets 429 `TOO_MANY_REQUESTS` with
 * `Retry-After`. One key's flood then fills its own queue, not the gateway: the upstream quota is shared fairly
 * per key below (src/bss/fair-queue.ts), and this bounds how much work a key can have waiting there at all.
 *
 * An operation holds its turn from the start of execution to its last payload (`@defer`/`@stream` included); a
 * request that goes away while waiting leaves the line at once (its lifetime's signal).
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isAsyncIterable } from '../ops/incremental.js';

export interface KeyConcurrency {
  /** Operations one API key may execute at once. */
  readonly maxConcurrent: number;
  /** Operations of one key that may wait for a turn; one more is refused with 429. 0: refuse at once. */
  readonly maxQueued: number;
  /** The `Retry-After` of a refusal, in seconds. */
  readonly retryAfterSeconds: number;
}

export const DEFAULT_KEY_CONCURRENCY: KeyConcurrency = { maxConcurrent: 16, maxQueued: 64, retryAfterSeconds: 1 };

export const TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS';

interface KeyTurns {
  running: number;
  readonly waiting: (() => void)[];
}

interface ConcurrencyContext {
  readonly caller?: { readonly name: string };
  /** `onEnd`: called once when the lifetime ends, however it ends (src/ops/operation-lifetime.ts). */
  readonly lifetime?: { readonly signal: AbortSignal; onEnd?(callback: () => void): void };
}

export function tooManyRequests(key: string, limits: KeyConcurrency): GraphQLError {
  return new GraphQLError(
    `API key "${key}" has ${limits.maxConcurrent} operations running and ${limits.maxQueued} waiting, the most it may; retry after ${limits.retryAfterSeconds} s.`,
    {
      extensions: {
        code: TOO_MANY_REQUESTS,
        maxConcurrent: limits.maxConcurrent,
        maxQueued: limits.maxQueued,
        http: { status: 429, headers: { 'Retry-After': String(limits.retryAfterSeconds) } },
      },
    },
  );
}

/** The per-key turns; exposed for tests (how many run and wait per key). */
export class KeyTurnstile {
  private readonly keys = new Map<string, KeyTurns>();

  constructor(private readonly limits: KeyConcurrency) {}

  running(key: string): number {
    return this.keys.get(key)?.running ?? 0;
  }

  waiting(key: string): number {
    return this.keys.get(key)?.waiting.length ?? 0;
  }

  /**
   * A turn for `key`: resolves with its release when one is free, rejects at once with TOO_MANY_REQUESTS when
   * the line is full, and with the signal's reason when the request goes away while waiting.
   */
  enter(key: string, signal?: AbortSignal): Promise<() => void> | (() => void) {
    let turns = this.keys.get(key);
    if (!turns) this.keys.set(key, (turns = { running: 0, waiting: [] }));
    const own = turns;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const next = own.waiting.shift();
      if (next) next();
      else if (--own.running === 0 && this.keys.get(key) === own) this.keys.delete(key);
    };
    if (own.running < this.limits.maxConcurrent) {
      own.running++;
      return release;
    }
    if (own.waiting.length >= this.limits.maxQueued) throw tooManyRequests(key, this.limits);
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      // The running count is handed over, not decremented and incremented: nobody can slip in between.
      const go = (): void => {
        signal?.removeEventListener('abort', leave);
        resolve(release);
      };
      const leave = (): void => {
        const at = own.waiting.indexOf(go);
        if (at >= 0) own.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      own.waiting.push(go);
    });
  }
}

type StopExecution = (result: { errors: GraphQLError[] }) => void;

function refuse(stop: StopExecution, error: unknown): undefined {
  stop({ errors: [error instanceof GraphQLError ? error : new GraphQLError('The request went away while waiting for its turn.', { extensions: { code: 'REQUEST_CANCELLED' } })] });
  return undefined;
}

/** Holds the turn until the operation's result is complete (its last payload), or its lifetime ends first. */
function holding(context: ConcurrencyContext | undefined, release: () => void) {
  // A backstop: an execution that throws never reaches onExecuteDone, but its request still ends. The lifetime's own
  // list when it has one (an abort listener per request cost an event listener and an event at its end).
  const lifetime = context?.lifetime;
  if (lifetime?.onEnd) lifetime.onEnd(release);
  else lifetime?.signal.addEventListener('abort', release, { once: true });
  return {
    onExecuteDone({ result }: { result: unknown }) {
      if (isAsyncIterable(result)) return { onEnd: release };
      release();
      return undefined;
    },
  };
}

export function useKeyConcurrency(limits: KeyConcurrency = DEFAULT_KEY_CONCURRENCY): Plugin {
  const turnstile = new KeyTurnstile(limits);
  return {
    // Not async: a free turn (nearly every operation) goes on at once, without a promise for envelop to wait on.
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as ConcurrencyContext | undefined;
      const key = context?.caller?.name;
      if (key === undefined) return undefined;
      let turn: Promise<() => void> | (() => void);
      try {
        turn = turnstile.enter(key, context?.lifetime?.signal);
      } catch (error) {
        return refuse(setResultAndStopExecution, error);
      }
      if (typeof turn === 'function') return holding(context, turn);
      return turn.then(
        (release) => holding(context, release),
        (error: unknown) => refuse(setResultAndStopExecution, error),
      );
    },
  };
}
