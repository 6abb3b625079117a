/**
 * A promise rejection that nobody handles is a bug (a promise started and then left unawaited), but Node's
 * default answer, ending the process, would cut every other request in flight: answers, streams, whole-month
 * exports. The gateway logs it at error level (what identifies the error, as every log line does: no value it
 * might carry), counts it in `process_unhandled_rejections_total`, and keeps serving. Installed by src/main.ts.
 */
import { errorFields, type Log } from './log.js';

export interface RejectionTarget {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** Starts logging and counting unhandled rejections on `target` (the process); returns the way to stop. */
export function keepServingOnUnhandledRejection(log: Pick<Log, 'error'>, count: () => void, target: RejectionTarget = process): () => void {
  const listener = (reason: unknown): void => {
    count();
    log.error({ event: 'process.unhandled_rejection', err: errorFields(reason) }, 'a promise rejection was not handled (a bug: please report it); still serving');
  };
  target.on('unhandledRejection', listener);
  return () => target.off('unhandledRejection', listener);
}
