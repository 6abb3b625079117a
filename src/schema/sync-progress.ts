/**
 * The consumption store's progress (contract: examples/store.graphql): `Query.consumptionSync`, one row per
 * billing cycle the background sync keeps.
 */
import { consumptionSyncStatus, type ConsumptionSyncShape } from '../resolvers/sync-progress.js';
import type { SyncCycleSummary } from '../store/index.js';
import { builder } from './builder.js';

export const ConsumptionSyncCycle = builder.objectRef<SyncCycleSummary>('ConsumptionSyncCycle').implement({
  description:
    'One billing cycle of the local consumption store: how many of its customers (customer × cycle units) are synced ' +
    'from the upstream (ListSubCustomerBillDetail, within a share of the quota).',
  fields: (t) => ({
    cycle: t.field({ type: 'BillingCycle', description: 'The billing cycle (`YYYY-MM`, UTC+8).', resolve: (c) => c.cycle }),
    complete: t.exposeBoolean('complete', {
      description: 'Every customer listed for the cycle has its records in the store (false while the cycle is not listed yet, or a customer is pending, failed or being read again).',
    }),
    customersSynced: t.exposeInt('customersSynced', { description: 'Customers of the cycle whose records are in the store and current.' }),
    customersTotal: t.exposeInt('customersTotal', {
      description: 'Customers listed for the cycle (those that consumed in it, and every reseller\'s customer), whatever their state; 0 before the cycle is listed.',
    }),
    records: t.field({
      type: 'Float',
      description: 'Consumption records stored for the synced customers of the cycle (a count; Float because it can pass 2³¹).',
      resolve: (c) => c.records,
    }),
    syncedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the cycle last became complete (its latest customer sync); null while it is not complete.',
      resolve: (c) => c.syncedAt,
    }),
  }),
});

export const ConsumptionSync = builder.objectRef<ConsumptionSyncShape>('ConsumptionSync').implement({
  description: 'How far the local consumption store is synced from the upstream.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'The state store is open and the background sync runs (PARTNER_GRAPH_SYNC).' }),
    cycles: t.field({
      type: [ConsumptionSyncCycle],
      description: 'The cycles the sync keeps, newest first (empty without a store).',
      resolve: (s) => s.cycles,
    }),
  }),
});

builder.queryField('consumptionSync', (t) =>
  t.field({
    type: ConsumptionSync,
    description: 'Progress of the background consumption sync, per billing cycle. Read from the store: no upstream call.',
    resolve: (_root, _args, ctx) => consumptionSyncStatus(ctx),
  }),
);
