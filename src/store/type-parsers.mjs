// How both engines read the store's column types: one definition for node-postgres (postgres-engine.ts) and
// for PGlite in its worker thread (pglite-worker.mjs). Plain JavaScript because the worker is: Node 20's
// worker threads do not inherit tsx's loader, so nothing a worker imports may be TypeScript.

/** PostgreSQL type oids (pg_type.oid) of the types the store reads. */
export const NUMERIC_OID = 1700;
export const INT8_OID = 20;

/**
 * NUMERIC stays the exact text the server wrote ("0.00000001", "123456789012.12345678"): money is turned into
 * decimal.js values by the store's readers (src/store/numeric.ts), never into a float on the way.
 */
export function parseNumeric(text) {
  return text;
}

/**
 * BIGINT (counts, sums of counts, identity ids) as a number while it is exact; beyond 2^53 a wrong number
 * would be silent, so it is refused instead.
 */
export function parseInt8(text) {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond the exact range of a JavaScript number`);
  return value;
}

/** By type oid: the parsers both engines are configured with (every other type keeps its engine's default). */
export const STORE_TYPE_PARSERS = Object.freeze({ [NUMERIC_OID]: parseNumeric, [INT8_OID]: parseInt8 });
