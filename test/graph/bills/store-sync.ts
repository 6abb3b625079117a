/**
 * Fills a store the way the background sync does, for tests of views answered from it: every customer × cycle
 * unit read through the same source the live views use, then the cycle's listing mark. Independent of the
 * sync's scheduling, so a test decides exactly which cycles are synced.
 */
import { pullConsumption } from '../../../src/sources/consumption-pull.js';
import { replaceCustomerCycle, type Store } from '../../../src/store/index.js';
import type { Stack } from '../../support/stack.js';

export async function syncCycle(stack: Stack, store: Store, cycle: string): Promise<void> {
  const units = new Map<string, { indirectPartnerId: string | null; customerId: string; records: unknown[] }>();
  for await (const page of pullConsumption({ bss: stack.bss, language: 'zh_CN' }, { cycles: [cycle], scope: 'all', listOwnCustomers: false, cache: false })) {
    const key = JSON.stringify([page.customer.indirectPartnerId, page.customer.customerId]);
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { indirectPartnerId: page.customer.indirectPartnerId, customerId: page.customer.customerId, records: [] }));
    unit.records.push(...page.records);
  }
  for (const unit of units.values()) await replaceCustomerCycle(store, { cycle, ...unit, records: unit.records as never });
  await store.db
    .insertInto('consumption_sync_cycles')
    .values({ cycle, customers_listed_at: new Date(), completed_at: new Date() } as never)
    .onConflict((oc) => oc.column('cycle').doUpdateSet({ customers_listed_at: new Date() } as never))
    .execute();
}
