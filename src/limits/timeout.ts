/**
 * Execution timeout: an operation still running after `ms` is answered with an `EXECUTION_TIMEOUT` error,
 * so the client always gets a response. The executor gets an AbortSignal, so it starts no further
 * resolvers once the time is up; upstream calls already in flight are not cancelled (resolvers do not
 * pass the signal to the BSS client) and end under the client's own response timeout, their results
 * discarded. A @defer/@stream response is timed until its first payload only.
 */
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';

export function timeoutError(ms: number): GraphQLError {
  return new GraphQLError(`The operation ran longer than the execution timeout of ${ms} ms and was aborted; ask for less (smaller pages, fewer nested lists) or split it.`, {
    extensions: { code: EXECUTION_TIMEOUT, timeoutMs: ms },
  });
}

interface WithRequest {
  readonly request?: { readonly signal?: AbortSignal };
}

/** graphql-yoga's executor (@graphql-tools/executor) takes an AbortSignal beside graphql's own arguments. */
type SignalArgs = ExecutionArgs & { signal?: AbortSignal };

export function useExecutionTimeout(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((plain) => {
        const args = plain as SignalArgs;
        const controller = new AbortController();
        const error = timeoutError(ms);
        // A client that goes away aborts too (yoga does not pass the request's signal by default).
        const outer = args.signal ?? (args.contextValue as WithRequest | undefined)?.request?.signal;
        const onOuterAbort = (): void => controller.abort(outer?.reason);
        outer?.addEventListener('abort', onOuterAbort, { once: true });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            controller.abort(error);
            resolve({ data: null, errors: [error] });
          }, ms);
        });
        const run = Promise.resolve(executeFn({ ...args, signal: controller.signal } as SignalArgs));
        // The losing branch may still reject (the executor rejects on abort): keep that from going unhandled.
        run.catch(() => undefined);
        return Promise.race([run, timedOut]).finally(() => {
          clearTimeout(timer);
          outer?.removeEventListener('abort', onOuterAbort);
        });
      });
    },
  };
}
