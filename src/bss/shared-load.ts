/**
 * Upstream work shared by several requests (a cross-request cache's load that other requests join) must not
 * be bound to the request that happened to start it: that request's end or disconnect would abort the work
 * every other waiter needs. A request's client view (`BssClient.forRequest`) gives its calls the request's
 * AbortSignal by default; calls made inside `runShared` keep only the signal they are given explicitly.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const shared = new AsyncLocalStorage<true>();

/** Runs `load` as work shared across requests: request views do not bind its calls to their requests. */
export function runShared<T>(load: () => Promise<T>): Promise<T> {
  return shared.run(true, load);
}

/** True inside `runShared`. */
export function inSharedLoad(): boolean {
  return shared.getStore() === true;
}
