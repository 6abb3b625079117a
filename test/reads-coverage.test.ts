/**
 * Every read of the reference is reachable from the schema (issue 15): each operation spec of kind 'read'
 * (src/bss/operations) must be called from code the schema imports — a source, loader or resolver that
 * `src/schema/index.ts` reaches through its imports — so some field answers from it. A read with no field
 * fails here unless it is listed below with the reason it has none.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allOperations } from '../src/bss/operations/index.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/**
 * Reads that deliberately have no field. Each entry says why; remove it when a field arrives.
 */
const NO_FIELD: Readonly<Record<string, string>> = {
  // RETIRED (§2.14): removed from Huawei's SDK in 0.0.83 with its write BatchSetSubCustomerDiscount; the
  // reference keeps it for old integrations, the graph does not offer it.
  ListSubCustomerDiscounts: 'retired upstream (§2.14)',
};

/** Every file the schema reaches through its static relative imports. */
function reachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'|import\s+'(\.{1,2}\/[^']+)'/g)) {
      const spec = (m[1] ?? m[2])!.replace(/\.js$/, '.ts');
      const target = join(dirname(file), spec);
      if (existsSync(target)) stack.push(target);
    }
  }
  return seen;
}

describe('every upstream read has a field', () => {
  const reached = [...reachedFrom(join(SRC, 'schema/index.ts'))].filter((f) => !f.includes('/bss/'));
  const text = reached.map((f) => readFileSync(f, 'utf8')).join('\n');
  const reads = allOperations.filter((op) => op.kind === 'read');

  it('lists the reads (the reference has them all)', () => {
    expect(reads.length).toBeGreaterThan(40);
  });

  it.each(reads.map((op) => [op.name]))('%s is used by code the schema reaches, or is a listed exception', (name) => {
    const used = new RegExp(`\\b${name}\\b`).test(text);
    if (name in NO_FIELD) {
      // An exception that gained a field should leave the list.
      expect(used, `${name} is listed as having no field, but the schema reaches it: remove it from NO_FIELD`).toBe(false);
    } else {
      expect(used, `${name} is a read no schema field uses: give it a field, or list it in NO_FIELD with the reason`).toBe(true);
    }
  });

  it('lists only reads as exceptions', () => {
    for (const name of Object.keys(NO_FIELD)) expect(reads.map((op) => op.name)).toContain(name);
  });
});
