/**
 * What the process does on SIGTERM or SIGINT, in order (docs/deploy.md "Graceful shutdown"): drain the HTTP server
 * (readiness 503, no new connection, the answers in flight finish within the drain deadline: src/http-drain.ts),
 * then close what the answers used (the sync, the store, the upstream connections: `close`), then exit 0.
 *
 * The store closes only after the drain because the answers in flight need it: a write records its outcome there
 * and a lost answer is reconciled through it. A second signal cuts the drain short (an operator pressing Ctrl-C
 * twice); the closing still runs. A closing step that fails or hangs past `closeTimeoutMs` ends the process with
 * exit 1, so an orchestrator sees that the stop was not clean.
 */
import type { DrainResult } from './http-drain.js';
import type { Log } from './ops/log.js';

export interface ShutdownSteps {
  readonly log: Log;
  /** Drains the HTTP server; `cut` aborts on a second signal. */
  readonly drain: (cut: AbortSignal) => Promise<DrainResult>;
  /** Everything after the drain, in order. */
  readonly close: () => Promise<void>;
  /** Bound on `close`. Default 10 s. */
  readonly closeTimeoutMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  /** Ends the process (tests replace it). Default `process.exit`. */
  readonly exit?: (code: number) => void;
}

/** Installs the handlers; the returned function runs the same shutdown (tests). */
export function stopOnSignals(steps: ShutdownSteps): (signal: NodeJS.Signals) => Promise<void> {
  const { log } = steps;
  const exit = steps.exit ?? ((code: number) => process.exit(code));
  const cut = new AbortController();
  let stopping: Promise<void> | undefined;

  const stop = (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      log.warn({ event: 'shutdown.cut', signal }, 'second stop signal: the drain ends now, answers still running are cut');
      cut.abort();
      return stopping;
    }
    stopping = (async () => {
      log.info({ event: 'shutdown.start', signal }, 'stopping: not ready, no new connections, draining the requests in flight');
      const drained = await steps.drain(cut.signal);
      const line = { event: 'shutdown.drained', inFlight: drained.inFlight, abandoned: drained.abandoned, ms: drained.ms };
      if (drained.abandoned > 0) log.warn(line, 'drain deadline reached: answers still running were cut (PARTNER_GRAPH_DRAIN_TIMEOUT_MS)');
      else log.info(line, 'every request in flight was answered');
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          steps.close(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`closing took longer than ${steps.closeTimeoutMs ?? 10_000} ms`)), steps.closeTimeoutMs ?? 10_000);
          }),
        ]);
      } catch (error) {
        log.error({ event: 'shutdown.failed', err: error }, 'closing after the drain failed');
        exit(1);
        return;
      } finally {
        clearTimeout(timer);
      }
      log.info({ event: 'shutdown.done' }, 'stopped');
      exit(0);
    })();
    return stopping;
  };

  for (const signal of steps.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, (s: NodeJS.Signals) => void stop(s));
  return stop;
}
