/**
 * The created / effective / expiring windows coupons (§3.1) and coupon quotas (§1.7) are filtered on: one set of
 * arguments for both lists, as the sources send them with one mapper (sources/wire.ts `lifeWindowsOnWire`).
 */
import type { ArgBuilder } from '@pothos/core';
import type { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** `created` names the first window: "Issued" for coupons, "Created" for quotas. */
export function lifeWindowArgs(arg: ArgBuilder<Types>, created: string) {
  return {
    createdFrom: arg({ type: 'DateTime', description: `${created} after (\`create_time_begin\`).` }),
    createdTo: arg({ type: 'DateTime', description: `${created} before (\`create_time_end\`).` }),
    effectiveFrom: arg({ type: 'DateTime', description: 'Effective after (`effective_time_begin`).' }),
    effectiveTo: arg({ type: 'DateTime', description: 'Effective before (`effective_time_end`).' }),
    expireFrom: arg({ type: 'DateTime', description: 'Expiring after (`expire_time_begin`).' }),
    expireTo: arg({ type: 'DateTime', description: 'Expiring before (`expire_time_end`).' }),
  };
}

/** The arguments' values, as resolvers receive them. */
export interface LifeWindowArgs {
  createdFrom?: Date | null;
  createdTo?: Date | null;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  expireFrom?: Date | null;
  expireTo?: Date | null;
}
