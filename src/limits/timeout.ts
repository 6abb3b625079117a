/**
 * Execution timeout: an operation still running after `ms` is answered with an `EXECUTION_TIMEOUT` error,
 * so the client always gets a response. The executor gets an AbortSignal, so it starts no further
 * resolvers once the time is up. Where the context has an operation lifetime (src/ops/operation-lifetime.ts,
 * the gateway's), its signal is the executor's: a timeout ends the lifetime, so upstream work that listens to
 * it (partner-wide pulls, cached reads' waiters) stops too, and a client that goes away stops the executor.
 * Calls already sent end under the client's own response timeout, their results discarded. A @defer/@stream
 * response is timed until its first payload only.
 *
 * Cheap when it does not fire (every request): one timer, no error built until it fires, and with a lifetime
 * no AbortController or listener of its own.
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
  readonly lifetime?: { readonly signal: AbortSignal; abort(reason: unknown): void };
}

/** graphql-yoga's executor (@graphql-tools/executor) takes an AbortSignal beside graphql's own arguments. */
type SignalArgs = ExecutionArgs & { signal?: AbortSignal };

type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === 'function';
}

/** The signal the executor gets and how to abort it; without a lifetime, a controller tied to the client's signal. */
function abortable(args: SignalArgs): { signal: AbortSignal; abort: (reason: unknown) => void; release: () => void } {
  const context = args.contextValue as TimedContext | undefined;
  const lifetime = context?.lifetime;
  if (lifetime && !args.signal) return { signal: lifetime.signal, abort: (reason) => lifetime.abort(reason), release: () => undefined };
  const controller = new AbortController();
  // A client that goes away aborts too (yoga does not pass the request's signal by default).
  const outer = args.signal ?? context?.request?.signal;
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  return { signal: controller.signal, abort: (reason) => controller.abort(reason), release: () => outer?.removeEventListener('abort', onOuterAbort) };
}

export function useExecutionTimeout(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((plain) => {
        const args = plain as SignalArgs;
        const { signal, abort, release } = abortable(args);
        const run = executeFn({ ...args, signal } as SignalArgs) as MaybePromise<ExecutionResult>;
        if (!isPromise(run)) {
          release();
          return run;
        }
        return new Promise<ExecutionResult>((resolve, reject) => {
          const timer = setTimeout(() => {
            release();
            const error = timeoutError(ms);
            abort(error);
            resolve({ data: null, errors: [error] });
          }, ms);
          // After a timeout the executor may still reject (it rejects on abort): the promise is settled, ignored.
          run.then(
            (result) => {
              clearTimeout(timer);
              release();
              resolve(result);
            },
            (error: unknown) => {
              clearTimeout(timer);
              release();
              reject(error);
            },
          );
        });
      });
    },
  };
}
