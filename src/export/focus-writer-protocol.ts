/** The messages between the gateway and its export writer threads (focus-writer-threads.ts, focus-writer-thread.ts). */
import type { FocusTextContext } from './focus-text.js';

export type ThreadRequest =
  /** An export's names and catalogues, sent once per thread before its first chunk; `release` drops them. */
  | { readonly kind: 'context'; readonly context: number; readonly ctx: FocusTextContext; readonly format: 'csv' | 'ndjson' }
  | { readonly kind: 'release'; readonly context: number }
  /** Run the chunk's statement on the thread's own connection (PostgreSQL), then write its rows. */
  | { readonly kind: 'query'; readonly job: number; readonly context: number; readonly cycle: string; readonly sql: string; readonly parameters: readonly unknown[] }
  /** Write rows already read (their JSON text, as the chunk statement hands it over). */
  | { readonly kind: 'rows'; readonly job: number; readonly context: number; readonly cycle: string; readonly body: string | null; readonly rows: number }
  /** Tests only: the thread dies (throws) when its next chunk comes, as a thread that fails midway would. */
  | { readonly kind: 'die-on-next-chunk' };

export type ThreadReply =
  | { readonly kind: 'written'; readonly job: number; readonly bytes: Uint8Array | null; readonly rows: number }
  | { readonly kind: 'failed'; readonly job: number; readonly error: { readonly message: string; readonly code?: string } };
