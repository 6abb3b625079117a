/**
 * The request-scoped DataLoaders, one set per GraphQL request (created in context.ts), so batching
 * and de-duplication never leak between requests or callers. Each endpoint group contributes its own.
 */
import type { BssClient } from '../bss/client.js';
import type { Language } from '../config.js';
import type { BillCache } from './bill-cache.js';
import { createPartnerLoaders, type PartnerLoaders } from './partner-loaders.js';
import { createCommerceLoaders, type CommerceLoaders } from './commerce-loaders.js';
import { createBillLoaders, type BillLoaders } from './bill-loaders.js';

/** What loaders may use: the shared client and the request's language. */
export interface LoaderContext {
  readonly bss: BssClient;
  readonly language: Language;
  readonly partnerDomainId: string;
  /** Process-wide consumption cache (closed cycles); absent: every walk goes upstream. */
  readonly billCache?: BillCache;
  /** Aborted when the operation is complete: long upstream work (partner-wide pulls) stops then. */
  readonly signal?: AbortSignal;
}

export interface Loaders extends PartnerLoaders, CommerceLoaders, BillLoaders {}

export function createLoaders(ctx: LoaderContext): Loaders {
  return { ...createPartnerLoaders(ctx), ...createCommerceLoaders(ctx), ...createBillLoaders(ctx) };
}
