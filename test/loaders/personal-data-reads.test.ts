/**
 * Which cached reads hold personal data (src/loaders/cached-reads.ts PERSONAL_DATA_READS), checked against the
 * reference itself: a read whose section in ../shared/reference names a personal wire field (the upstream fields
 * docs/security.md masks) must be in the set, and nothing else may be. A read added to the cache later, or a
 * field the reference gains, fails here instead of putting someone's phone number in PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIND_OF_READ, PERSONAL_DATA_READS } from '../../src/loaders/cached-reads.js';

const REFERENCE = ['bss-api-partners.md', 'bss-api-commerce.md']
  .map((file) => readFileSync(new URL(`../../../shared/reference/${file}`, import.meta.url), 'utf8'))
  .join('\n');

/** The wire names behind docs/security.md's masked fields. */
const PERSONAL_WIRE_FIELDS = [
  'account_name', 'name', 'telephone', 'email', 'mobile_phone', 'user_name', 'operator',
  'indirect_partner_account_name', 'indirect_partner_name', 'customer_name',
];

/** An operation's section: from its `### n.m Name —` heading to the next heading of that level. */
function sectionOf(operation: string): string {
  const start = REFERENCE.search(new RegExp(`^### [0-9.]+ ${operation} —`, 'm'));
  if (start < 0) throw new Error(`${operation}: no section in the reference`);
  const rest = REFERENCE.slice(start + 4);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

const namesPersonalField = (section: string) => PERSONAL_WIRE_FIELDS.some((field) => section.includes(`\`${field}\``));

describe('cached reads that hold personal data', () => {
  it('are exactly the cached reads whose reference section names a personal field', () => {
    const expected = Object.keys(KIND_OF_READ).filter((operation) => namesPersonalField(sectionOf(operation))).sort();
    expect([...PERSONAL_DATA_READS].sort()).toEqual(expected);
    // The check has teeth: the customer list is among them, the balances are not.
    expect(expected).toContain('ListSubCustomers');
    expect(expected).not.toContain('ListCustomersBalancesDetail');
  });
});
