/**
 * The request-scoped DataLoaders, one set per GraphQL request (created in context.ts), so batching
 * and de-duplication never leak between requests or callers. Each endpoint group contributes its own.
 *
 * A group is made on the first use of any of its loaders: most requests touch one group or none (a cached
 * `serviceTypes` touches none), and building all of them — dozens of DataLoaders — on every request was a
 * measurable share of a cached request's CPU (bench/hot-path.ts).
 */
import type { LoaderContext } from './loader-context.js';
import { createPartnerLoaders, type PartnerLoaders } from './partner-loaders.js';
import { createCommerceLoaders, type CommerceLoaders } from './commerce-loaders.js';
import { createBillLoaders, type BillLoaders } from './bill-loaders.js';

export type { LoaderContext } from './loader-context.js';

export interface Loaders extends PartnerLoaders, CommerceLoaders, BillLoaders {}

const GROUPS = [createPartnerLoaders, createCommerceLoaders, createBillLoaders] as const;

const CTX = Symbol('loader context');
const MADE = Symbol('groups made');

interface LazyLoaders {
  [CTX]: LoaderContext;
  [MADE]: (Record<string, unknown> | undefined)[];
}

/**
 * A prototype with one getter per loader, learnt from the first set ever made (making loaders has no side
 * effects): a request's set is an object inheriting it, and a getter makes its group on first use.
 */
let prototype: object | undefined;

function learn(groups: readonly object[]): object {
  const proto: Record<string, unknown> = {};
  groups.forEach((group, index) => {
    for (const key of Object.keys(group)) {
      Object.defineProperty(proto, key, {
        enumerable: true,
        get(this: LazyLoaders) {
          const made = (this[MADE][index] ??= GROUPS[index]!(this[CTX]) as unknown as Record<string, unknown>);
          // From now on an own property of this request's set: later reads skip the getter.
          Object.defineProperty(this, key, { value: made[key], enumerable: true });
          return made[key];
        },
      });
    }
  });
  return proto;
}

export function createLoaders(ctx: LoaderContext): Loaders {
  if (!prototype) {
    const groups = GROUPS.map((make) => make(ctx) as object);
    prototype = learn(groups);
    return Object.assign({}, ...groups) as Loaders;
  }
  const loaders = Object.create(prototype) as LazyLoaders;
  loaders[CTX] = ctx;
  loaders[MADE] = [];
  return loaders as unknown as Loaders;
}
