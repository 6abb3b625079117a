// Placeholder: replaced by the partner-domain work (balances, ledgers, coupons, quotas).
import type { World } from './world.js';

export class PartnerStore {
  constructor(readonly world: World) {}
}
