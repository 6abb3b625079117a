/**
 * What a reconciliation lookup of a write found, after the write's answer was lost (DESIGN.md: "a lost answer
 * is reconciled from the upstream's own records before the caller is told anything"). The lookups read only:
 * they never send the write again.
 *
 * - `applied`: the upstream's records show the write took effect; `answer` is what the caller is told.
 * - `absent`: the records prove it did not take effect; the key may be retried.
 * - `undecidable`: the records cannot tell; `check` says, in words a partner's operator can act on, what to
 *   look at before trying again.
 */
export type LookupOutcome<T> =
  | { readonly kind: 'applied'; readonly answer: T }
  | { readonly kind: 'absent'; readonly why: string }
  | { readonly kind: 'undecidable'; readonly check: string };

export const applied = <T>(answer: T): LookupOutcome<T> => ({ kind: 'applied', answer });
export const absent = <T>(why: string): LookupOutcome<T> => ({ kind: 'absent', why });
export const undecidable = <T>(check: string): LookupOutcome<T> => ({ kind: 'undecidable', check });

/**
 * Records are looked for from this long before the write was sent: the upstream stamps them with its own
 * clock, which may run behind ours (Huawei accepts signatures 15 minutes apart; a few minutes is what a
 * well-run host drifts). A wider window only costs a longer list to match against.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The start of the window a lookup reads, for a write sent at `sentAt`. */
export const windowStart = (sentAt: Date): Date => new Date(sentAt.getTime() - CLOCK_SKEW_MS);
