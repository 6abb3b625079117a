// Placeholder: replaced by the commerce-domain work (orders, resources, reference data).
import type { World } from './world.js';

export class CommerceStore {
  constructor(readonly world: World) {}
}
