/**
 * The reference's input rules, checked before any upstream call (bad input costs nothing): each check answers
 * the first rule a value breaks as `{ field, rule }`, in words that name the limit, or null. The resolvers turn
 * a problem into `BAD_USER_INPUT` with `extensions.argument` = the field; these functions know no GraphQL.
 */
export interface InputProblem {
  /** The input field, as the schema names it (`resourceIds`, `bankCard.mobile`). */
  readonly field: string;
  /** The rule it broke, e.g. `must be 1 to 10 ids`. */
  readonly rule: string;
}

export const problem = (field: string, rule: string): InputProblem => ({ field, rule });

/** The first problem of a list of checks (each null when its rule holds). */
export function firstProblem(...checks: readonly (InputProblem | null | undefined)[]): InputProblem | null {
  return checks.find((c): c is InputProblem => c !== null && c !== undefined) ?? null;
}

/** A required identifier: not empty, no surrounding spaces, at most `max` characters. */
export function idProblem(field: string, value: string, max = 64): InputProblem | null {
  if (value === '') return problem(field, 'must not be empty');
  if (value.trim() !== value) return problem(field, 'must not start or end with spaces');
  if (value.length > max) return problem(field, `must be at most ${max} characters`);
  return null;
}

/** An optional text: absent is fine; present, it must not be empty (the client never sends `""`) nor longer than `max`. */
export function optionalTextProblem(field: string, value: string | null | undefined, max: number): InputProblem | null {
  if (value === null || value === undefined) return null;
  if (value === '') return problem(field, 'must not be empty (leave it out instead)');
  if (value.length > max) return problem(field, `must be at most ${max} characters`);
  return null;
}

/** A list of ids: `min`–`max` items, each an id, none repeated (the upstream refuses duplicates). */
export function idListProblem(field: string, ids: readonly string[], min: number, max: number): InputProblem | null {
  if (ids.length < min || ids.length > max) return problem(field, min === max ? `must hold exactly ${min} ids` : `must hold ${min} to ${max} ids (got ${ids.length})`);
  for (const [i, id] of ids.entries()) {
    const p = idProblem(`${field}[${i}]`, id);
    if (p) return p;
  }
  if (new Set(ids).size !== ids.length) return problem(field, 'must not repeat an id');
  return null;
}

/** An integer within [min, max]. */
export function intRangeProblem(field: string, value: number, min: number, max: number): InputProblem | null {
  return Number.isInteger(value) && value >= min && value <= max ? null : problem(field, `must be an integer from ${min} to ${max} (got ${value})`);
}

/** One of a few allowed values. */
export function oneOfProblem<T>(field: string, value: T, allowed: readonly T[]): InputProblem | null {
  return allowed.includes(value) ? null : problem(field, `must be one of ${allowed.join(', ')} (got ${String(value)})`);
}
