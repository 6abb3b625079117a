/**
 * STUB (issue 5 fills this in): GET /healthz (the process answers) and GET /readyz (the upstream is
 * reachable and accepts the credentials).
 */
import type { Plugin } from 'graphql-yoga';
import type { BssClient } from '../bss/client.js';

export function useHealthRoutes(_options: { readonly bss: BssClient }): Plugin {
  return {};
}
