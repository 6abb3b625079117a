/**
 * Whether an execution result is incremental (`@defer`/`@stream`: an async iterable of payloads) rather than one
 * result. The plugins that look at results (request log, error codes, operation lifetime) each need to tell.
 */
export const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
