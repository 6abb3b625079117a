/**
 * The request-scoped DataLoaders, one set per GraphQL request (created in context.ts), so batching
 * and de-duplication never leak between requests or callers. Each endpoint group contributes its own.
 */
import type { LoaderContext } from './loader-context.js';
import { createPartnerLoaders, type PartnerLoaders } from './partner-loaders.js';
import { createCommerceLoaders, type CommerceLoaders } from './commerce-loaders.js';
import { createBillLoaders, type BillLoaders } from './bill-loaders.js';

export type { LoaderContext } from './loader-context.js';

export interface Loaders extends PartnerLoaders, CommerceLoaders, BillLoaders {}

export function createLoaders(ctx: LoaderContext): Loaders {
  return { ...createPartnerLoaders(ctx), ...createCommerceLoaders(ctx), ...createBillLoaders(ctx) };
}
