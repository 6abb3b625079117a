/**
 * Which of the simulator's data makes a good first example (GraphiQL's contract tabs, README queries): a
 * resale customer with an agency, whose own data is readable too, and the last closed billing cycle.
 */
import type { World } from './dataset/world.js';

export interface ExampleData {
  readonly customerId: string | undefined;
  /** `YYYY-MM`, Beijing time as Huawei bills. */
  readonly cycle: string;
}

export function exampleData(world: Pick<World, 'customers' | 'customersOf' | 'now'>): ExampleData {
  const customer = world.customersOf(null).find((c) => c.associationType === '2' && c.agency) ?? world.customers[0];
  const beijing = new Date(world.now.getTime() + 8 * 3_600_000);
  const last = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1));
  const cycle = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
  return { customerId: customer?.customerId, cycle };
}
