/**
 * STUB (issue 5 fills this in): authenticates every request at the HTTP edge from `Authorization: Bearer
 * <key>` against the configured API keys, answers 401 itself when the key is missing or wrong, and
 * remembers the caller for the context factory and the export route (`callerOf`).
 */
import type { Plugin } from 'graphql-yoga';
import { OPEN_CALLER, type Caller } from './caller.js';
import type { ApiKeyEntry } from './api-keys.js';

export interface ApiKeyAuthOptions {
  /** The configured keys; null: no keys configured, every request is the open caller (simulator only). */
  readonly keys: readonly ApiKeyEntry[] | null;
}

const callers = new WeakMap<Request, Caller>();

/** The authenticated caller of a request (the open caller when keys are off). */
export function callerOf(request: Request): Caller {
  return callers.get(request) ?? OPEN_CALLER;
}

export function useApiKeyAuth(_options: ApiKeyAuthOptions): Plugin {
  return {};
}

/** For the plugin (and tests): bind a caller to a request. */
export function bindCaller(request: Request, caller: Caller): void {
  callers.set(request, caller);
}
