/**
 * What the order, resource, customer and real-name mutations share on their way into the write path
 * (run-write.ts): the reference's input rules as BAD_USER_INPUT, a key for writes whose key is optional, and a
 * source's lookup outcome as the runner's reconciliation.
 */
import { randomUUID } from 'node:crypto';
import type { InputProblem } from '../../sources/writes/input-rules.js';
import type { LookupOutcome } from '../../sources/writes/lookup-outcome.js';
import { badInput } from '../input.js';
import type { Reconciled } from './run-write.js';
import { checkIdempotencyKey } from './write-input.js';

/** A source's input problem as BAD_USER_INPUT naming `input.<field>` and the rule; nothing is sent. */
export function refuseProblem(problem: InputProblem | null): void {
  if (problem) throw badInput(`"input.${problem.field}" ${problem.rule}`, `input.${problem.field}`);
}

/**
 * The idempotency key of a write that does not move money, where the key is optional: the client's, or a fresh
 * one for this request alone (claimed, audited and reconciled like any other, but never replayed: a client that
 * wants replays sends its own). The key is in every OUTCOME_UNKNOWN error, so even a fresh one can be retried.
 */
export function keyOrFresh(key: string | null | undefined): string {
  return key === null || key === undefined ? `auto-${randomUUID()}` : checkIdempotencyKey(key);
}

/** A lookup's outcome in the runner's terms, the applied answer mapped to the mutation's outcome. */
export function reconciledFrom<T, O>(outcome: LookupOutcome<T>, map: (answer: T) => O): Reconciled<O> {
  switch (outcome.kind) {
    case 'applied':
      return { kind: 'found', outcome: map(outcome.answer) };
    case 'absent':
      return { kind: 'absent' };
    case 'undecidable':
      return { kind: 'undecidable', check: outcome.check };
  }
}
