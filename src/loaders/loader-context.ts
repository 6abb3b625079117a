/** What the request-scoped loaders may use (one per request, made in src/context.ts). */
import type { BssClient } from '../bss/client.js';
import type { BillCache } from '../caches/bill-cache.js';
import type { Language } from '../language.js';

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

