// Placeholder: replaced by the bills work (monthly sums, consumption records, costs, ratings).
import type { World } from './world.js';
import type { CommerceStore } from './commerce-store.js';

export class BillStore {
  constructor(
    readonly world: World,
    readonly commerce: CommerceStore,
  ) {}
}
