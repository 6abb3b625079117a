/**
 * Execution timeout: an operation still running after `ms` is answered with an `EXECUTION_TIMEOUT` error,
 * so the client always gets a response. The executor gets an AbortSignal, so it starts no further
 * resolvers once the time is up. Where the context has an operation lifetime (src/ops/operation-lifetime.ts,
 * the gateway's), its signal is the executor's: a timeout ends the lifetime, so upstream work that listens to
 * it (partner-wide pulls, cached reads' waiters) stops too, and a client that goes away stops the executor.
 * Calls already sent end under the client's own response timeout, their results discarded. A @defer/@stream
 * response is timed until its first payload only.
 *
 * Cheap when it does not fire (every request): no timer of its own — one shared timer looks at the running
 * operations' deadlines every `tickOf(ms)` (a twentieth of the timeout, 1 ms to 1 s), so an operation times out
 * between its deadline and one tick after it —, no error built until it fires, no closure made per request for
 * the executor it wraps, and with a lifetime no AbortController or listener of its own.
 */
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';

export function timeoutError(ms: number): GraphQLError {
  return new GraphQLError(`The operation ran longer than the execution timeout of ${ms} ms and was aborted; ask for less (smaller pages, fewer nested lists) or split it.`, {
    extensions: { code: EXECUTION_TIMEOUT, timeoutMs: ms },
  });
}

interface TimedContext {
  readonly request?: { readonly signal?: AbortSignal };
  /** The gateway's operation lifetime: its signal stops the executor, and a timeout ends it. */
  readonly lifetime?: Abortable;
}

/** What a timeout aborts: the context's lifetime, or a controller of the timeout's own. */
interface Abortable {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
}

/** graphql-yoga's executor (@graphql-tools/executor) takes an AbortSignal beside graphql's own arguments. */
type SignalArgs = ExecutionArgs & { signal?: AbortSignal };

type MaybePromise<T> = T | Promise<T>;
type Execute = (args: ExecutionArgs) => MaybePromise<ExecutionResult> | unknown;

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === 'function';
}

/** The shared timer's period for a timeout of `ms`: how late past its deadline a timeout may fire. */
export function tickOf(ms: number): number {
  return Math.min(1_000, Math.max(1, Math.floor(ms / 20)));
}

/**
 * Without a lifetime (the plugin on its own, outside the gateway): a controller tied to the client's signal (yoga
 * does not pass the request's signal to the executor by default), released when the operation ends.
 */
class OwnAbort implements Abortable {
  private readonly controller = new AbortController();

  constructor(private readonly outer: AbortSignal | undefined) {
    outer?.addEventListener('abort', this, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  handleEvent(): void {
    this.controller.abort(this.outer?.reason);
  }

  release(): void {
    this.outer?.removeEventListener('abort', this);
  }
}

/** One running operation: settled by its executor or by the timer, whichever comes first. */
class TimedRun {
  settled = false;
  resolve!: (result: ExecutionResult) => void;
  reject!: (error: unknown) => void;

  constructor(
    readonly deadline: number,
    private readonly ms: number,
    private readonly target: Abortable,
    private readonly wheel: DeadlineWheel,
  ) {}

  done(result: ExecutionResult): void {
    if (this.finish()) this.resolve(result);
  }

  failed(error: unknown): void {
    // After a timeout the executor may still reject (it rejects on abort): the promise is settled, ignored.
    if (this.finish()) this.reject(error);
  }

  /** The deadline passed. */
  fire(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.target instanceof OwnAbort) this.target.release();
    const error = timeoutError(this.ms);
    this.target.abort(error);
    this.resolve({ data: null, errors: [error] });
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.wheel.delete(this);
    if (this.target instanceof OwnAbort) this.target.release();
    return true;
  }
}

/**
 * The running operations' deadlines, looked at by one interval timer every `tickMs` while any is pending (it stops
 * at the first look that finds none). A timer set and cleared per request was a share of a cached request's CPU.
 */
class DeadlineWheel {
  private readonly running = new Set<TimedRun>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly tickMs: number) {}

  add(run: TimedRun): void {
    this.running.add(run);
    this.timer ??= setInterval(() => this.look(), this.tickMs);
  }

  delete(run: TimedRun): void {
    this.running.delete(run);
  }

  private look(): void {
    const now = Date.now();
    for (const run of this.running) {
      if (run.deadline > now) continue;
      this.running.delete(run);
      run.fire();
    }
    if (this.running.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

export function useExecutionTimeout(ms: number): Plugin {
  const wheel = new DeadlineWheel(tickOf(ms));
  // The executor each request would wrap is nearly always the same function: its wrapper is made once.
  const wrappers = new WeakMap<Execute, Execute>();
  const timed = (executeFn: Execute): Execute => (plain) => {
    const args = plain as SignalArgs;
    const context = args.contextValue as TimedContext | undefined;
    const lifetime = context?.lifetime;
    // The lifetime's signal is the executor's, unless the caller brought a signal of its own.
    const target: Abortable = lifetime && !args.signal ? lifetime : new OwnAbort(args.signal ?? context?.request?.signal);
    const run = executeFn({ ...args, signal: target.signal } as SignalArgs) as MaybePromise<ExecutionResult>;
    if (!isPromise(run)) {
      if (target instanceof OwnAbort) target.release();
      return run;
    }
    const timedRun = new TimedRun(Date.now() + ms, ms, target, wheel);
    const answer = new Promise<ExecutionResult>((resolve, reject) => {
      timedRun.resolve = resolve;
      timedRun.reject = reject;
    });
    wheel.add(timedRun);
    run.then(
      (result) => timedRun.done(result),
      (error: unknown) => timedRun.failed(error),
    );
    return answer;
  };
  return {
    onExecute({ executeFn, setExecuteFn }) {
      let wrapper = wrappers.get(executeFn as Execute);
      if (!wrapper) wrappers.set(executeFn as Execute, (wrapper = timed(executeFn as Execute)));
      setExecuteFn(wrapper as typeof executeFn);
    },
  };
}
