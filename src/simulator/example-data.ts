/**
 * Which of the simulator's data makes a good first example (GraphiQL's contract tabs, README queries): a
 * resale customer of the partner's own with an agency, whose own data is readable too, and which has orders,
 * resources, partner-issued coupons and consumption in the example cycle, so the first tab an analyst opens
 * is full (issue 15); and the last closed billing cycle.
 */
import type { World } from './dataset/world.js';
import type { SimState } from './state.js';
import { PartnerStore } from './dataset/partner-store.js';
import { CommerceStore } from './dataset/commerce-store.js';
import { BillStore } from './dataset/bill-store.js';

export interface ExampleData {
  readonly customerId: string | undefined;
  /** `YYYY-MM`, Beijing time as Huawei bills. */
  readonly cycle: string;
}

type Stores = Pick<SimState, 'world' | 'partners' | 'commerce' | 'bills'>;

/**
 * Stores over a bare world, as they are before any write: the same generated data the simulator serves at
 * start (each store generates from the world alone, and only on first use).
 */
function storesOf(world: World): Stores {
  const commerce = new CommerceStore(world);
  return { world, partners: new PartnerStore(world), commerce, bills: new BillStore(world, commerce) };
}

/** The simulator's state, or its world alone (then its data is read as generated, before any write). */
export function exampleData(source: World | Stores): ExampleData {
  const { world, partners, commerce, bills } = 'partners' in source ? source : storesOf(source);
  const beijing = new Date(world.now.getTime() + 8 * 3_600_000);
  const last = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1));
  const cycle = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
  const candidates = world.customersOf(null).filter((c) => c.associationType === '2' && c.agency);
  // Cheapest tests first: the commerce book is generated per customer, the coupon book once for the partner.
  const rich = candidates.find(
    (c) =>
      commerce.ordersOf(c.customerId).length > 0 &&
      commerce.resourcesOf(c.customerId).length > 0 &&
      bills.records(c.customerId, cycle).length > 0 &&
      partners.coupons.issuedCoupons().some((coupon) => coupon.holderId === c.customerId && coupon.issuer === null),
  );
  const customer = rich ?? candidates[0] ?? world.customers[0];
  return { customerId: customer?.customerId, cycle };
}
