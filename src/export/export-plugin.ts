/**
 * STUB (issue 4 fills this in): GET /export/consumption?cycle=YYYY-MM&format=csv|ndjson, streaming FOCUS 1.2 rows.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayServices } from '../context.js';

export function useConsumptionExport(_services: GatewayServices): Plugin {
  return {};
}
