/**
 * The customer search on its own, with a stub client: how it answers when the reseller list cannot be
 * read (a solution provider is refused it; an outage is not "not found").
 */
import { describe, expect, it } from 'vitest';
import type { BssClient } from '../../../src/bss/client.js';
import { BssError } from '../../../src/bss/errors.js';
import { findCustomers } from '../../../src/sources/customers.js';

/** A client whose partner scope knows one customer, `own1`. */
const client = {
  call: async (op: { name: string }, req: { body?: { customer_id?: string } }) => {
    if (op.name !== 'ListSubCustomers') throw new Error(`unexpected ${op.name}`);
    const id = req.body?.customer_id;
    return id === 'own1' ? { count: 1, customer_infos: [{ customer_id: 'own1', account_name: 'own-one' }] } : { count: 0, customer_infos: [] };
  },
} as unknown as BssClient;

const refused = (status: number) =>
  new BssError({ kind: 'upstream', operation: 'ListIndirectPartners', code: status === 403 ? 'CBC.0151' : 'CBC.0999', message: 'no', httpStatus: status });

describe('findCustomers when the reseller list cannot be read', () => {
  it('treats a partner refused the reseller list (403) as having no resellers: not found is null', async () => {
    const found = await findCustomers({ bss: client }, ['own1', 'other', 'other@'], {
      allIndirectPartners: () => Promise.reject(refused(403)),
      primeTag: () => undefined,
    });
    expect(found.get('own1')).toMatchObject({ customerId: 'own1', accountName: 'own-one', indirectPartnerId: null });
    expect(found.get('other')).toBeNull();
    // `other@` names no reseller: the same lookup as `other`, asked once.
    expect([...found.keys()].sort()).toEqual(['other', 'own1']);
  });

  it('fails the ids it could not look for when the reseller list fails otherwise, and keeps the ones it found', async () => {
    const outage = refused(500);
    const found = await findCustomers({ bss: client }, ['own1', 'other'], {
      allIndirectPartners: () => Promise.reject(outage),
      primeTag: () => undefined,
    });
    expect(found.get('own1')).toMatchObject({ customerId: 'own1' });
    expect(found.get('other')).toBe(outage);
  });
});
