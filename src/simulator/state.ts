/**
 * Everything the simulator knows: the generated world and one store per endpoint group, each holding its
 * generated records and the changes writes made. Handlers reach other groups' data through here (a paid
 * order debits the customer's balance in the partner store, a bill points at a commerce order).
 */
import { World, type WorldOptions } from './dataset/world.js';
import { PartnerStore } from './dataset/partner-store.js';
import { CommerceStore } from './dataset/commerce-store.js';
import { BillStore } from './dataset/bill-store.js';

export class SimState {
  readonly world: World;
  readonly partners: PartnerStore;
  readonly commerce: CommerceStore;
  readonly bills: BillStore;

  constructor(options: WorldOptions) {
    this.world = new World(options);
    this.partners = new PartnerStore(this.world);
    this.commerce = new CommerceStore(this.world);
    this.bills = new BillStore(this.world, this.commerce);
  }
}
