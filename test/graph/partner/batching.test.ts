/**
 * 100 customers with balance, new-customer tag and reseller name cost the customer page, one balance
 * batch, one tag batch and at most one call per distinct reseller, however the query nests them; and
 * the values equal the raw batch endpoints' answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCustomersBalancesDetail, ListIndirectPartners, ListSubCustomerNewTag, ListSubCustomers, type IndirectPartnerInfo,
} from '../../../src/bss/operations/partners/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { DEFAULT_QUERY_LIMITS } from '../../../src/limits/limits-plugin.js';
import { money, ok, requests } from './support.js';

const TAGS: Record<string, string> = { Y: 'NEW_CUSTOMER', N: 'NOT_NEW_CUSTOMER', UNDETERMINED: 'UNDETERMINED', '': 'NONE' };

const CUSTOMER_FIELDS = `customerId balance { amount debtAmount currency } newCustomerTag { tag tagCode effectiveMonth expireMonth } indirectPartner { indirectPartnerId name }`;

describe('batching of customer balances, tags and resellers', () => {
  let stack: Stack;
  let reseller: IndirectPartnerInfo;
  /** What the raw batch endpoints say about the first 100 customers of a scope. */
  let expectedOf: (scope: string | null) => Promise<unknown[]>;

  beforeAll(async () => {
    // One reseller holding ~120 of the 400 customers, so a page of 100 fits either scope.
    // The cost estimator prices the worst case (no de-duplication across the nested re-listing below);
    // these tests are about what batching actually calls, so the limit is lifted here.
    stack = await startStack({ customers: 400, resellers: 1, pii: true, queryLimits: { ...DEFAULT_QUERY_LIMITS, maxCost: 100_000 } });
    reseller = (await stack.bss.call(ListIndirectPartners, { body: {} })).indirect_partners![0]!;
    expectedOf = async (scope) => {
      const page = await stack.bss.call(ListSubCustomers, { body: { indirect_partner_id: scope ?? undefined, offset: 0, limit: 100 } });
      const ids = page.customer_infos!.map((c) => c.customer_id);
      const balances = await stack.bss.call(ListCustomersBalancesDetail, { body: { customer_infos: ids.map((customer_id) => ({ customer_id })), indirect_partner_id: scope ?? undefined } });
      const tags = await stack.bss.call(ListSubCustomerNewTag, { body: { customer_ids: ids, limit: ids.length, indirect_partner_id: scope ?? undefined } });
      return page.customer_infos!.map((c) => {
        const b = balances.customer_balances!.find((x) => x.customer_id === c.customer_id);
        const t = tags.new_customer_tags!.find((x) => x.customer_id === c.customer_id)!;
        return {
          customerId: c.customer_id,
          balance: b ? { amount: money(b.amount), debtAmount: money(b.debt_amount), currency: b.currency } : null,
          newCustomerTag: { tag: TAGS[t.new_customer_tag!], tagCode: t.new_customer_tag, effectiveMonth: t.effective_time || null, expireMonth: t.expire_time || null },
          indirectPartner: scope ? { indirectPartnerId: scope, name: reseller.name } : null,
        };
      });
    };
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  it('has scopes of more than 100 customers, with both association types and every tag kind', async () => {
    const own = await stack.bss.call(ListSubCustomers, { body: { limit: 1 } });
    const theirs = await stack.bss.call(ListSubCustomers, { body: { indirect_partner_id: reseller.indirect_partner_id, limit: 1 } });
    expect(own.count).toBeGreaterThan(100);
    expect(theirs.count).toBeGreaterThan(100);
    const expected = (await expectedOf(null)) as { balance: unknown; newCustomerTag: { tagCode: string } }[];
    expect(expected.some((c) => c.balance === null)).toBe(true);
    expect(expected.some((c) => c.balance !== null)).toBe(true);
    expect(new Set(expected.map((c) => c.newCustomerTag.tagCode))).toEqual(new Set(['Y', 'N', 'UNDETERMINED', '']));
  });

  it('the partner\'s own 100 customers: one page, one balance batch, one tag batch, no reseller call', async () => {
    const expected = await expectedOf(null);
    stack.bss.counter.reset();
    const data = await ok(stack, `{ partner { customers(first: 100) { nodes { ${CUSTOMER_FIELDS} } } } }`);
    expect(data.partner.customers.nodes).toEqual(expected);
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ListCustomersBalancesDetail: 1, ListSubCustomerNewTag: 1 });
  });

  it('a reseller\'s 100 customers under Query.indirectPartner: the reseller read once serves every customer', async () => {
    const expected = await expectedOf(reseller.indirect_partner_id!);
    stack.bss.counter.reset();
    const data = await ok(
      stack,
      `query($id: String!) { indirectPartner(indirectPartnerId: $id) { customers(first: 100) { nodes { ${CUSTOMER_FIELDS} } } } }`,
      { id: reseller.indirect_partner_id },
    );
    expect(data.indirectPartner.customers.nodes).toEqual(expected);
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, ListSubCustomers: 1, ListCustomersBalancesDetail: 1, ListSubCustomerNewTag: 1 });
  });

  it('a reseller\'s 100 customers under Partner.customers(indirectPartnerId:): one reseller call for all 100', async () => {
    const expected = await expectedOf(reseller.indirect_partner_id!);
    stack.bss.counter.reset();
    const data = await ok(stack, `query($id: String) { partner { customers(first: 100, indirectPartnerId: $id) { nodes { ${CUSTOMER_FIELDS} } } } }`, {
      id: reseller.indirect_partner_id,
    });
    expect(data.partner.customers.nodes).toEqual(expected);
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ListCustomersBalancesDetail: 1, ListSubCustomerNewTag: 1, ListIndirectPartners: 1 });
  });

  it('under Partner.indirectPartners, and nested back through the reseller again: still one batch each', async () => {
    const expected = await expectedOf(reseller.indirect_partner_id!);
    stack.bss.counter.reset();
    const data = await ok(
      stack,
      `{ partner { indirectPartners(first: 10) { nodes { customers(first: 100) { nodes {
          ${CUSTOMER_FIELDS}
          again: indirectPartner { customers(first: 100) { nodes { ${CUSTOMER_FIELDS} } } }
        } } } } } }`,
    );
    const nodes = data.partner.indirectPartners.nodes[0].customers.nodes;
    expect(nodes.map(({ again: _again, ...rest }: any) => rest)).toEqual(expected);
    // 100 customers each list the same 100 again: the same page, read once; every balance and tag batched once.
    for (const n of nodes) expect(n.again.customers.nodes).toEqual(expected);
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, ListSubCustomers: 1, ListCustomersBalancesDetail: 1, ListSubCustomerNewTag: 1 });
  });

  it('both scopes in one query: one page, one balance batch and one tag batch per scope', async () => {
    stack.bss.counter.reset();
    await ok(
      stack,
      `query($id: String!) {
        partner { customers(first: 100) { nodes { ${CUSTOMER_FIELDS} } } }
        indirectPartner(indirectPartnerId: $id) { customers(first: 100) { nodes { ${CUSTOMER_FIELDS} } } }
      }`,
      { id: reseller.indirect_partner_id },
    );
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, ListSubCustomers: 2, ListCustomersBalancesDetail: 2, ListSubCustomerNewTag: 2 });
  });

  it('more than 100 customers in one request split into balance batches of 100 and tag batches of 200', async () => {
    const first250 = (await stack.bss.paginate(ListSubCustomers, { body: {} }, { maxItems: 250 })).items;
    const resale = first250.filter((c) => c.association_type === '2').length;
    stack.bss.counter.reset();
    const data = await ok(stack, `{ partner { customers(first: 250) { nodes { customerId balance { amount } newCustomerTag { tag } } } } }`);
    const nodes = data.partner.customers.nodes;
    expect(nodes.map((n: any) => n.customerId)).toEqual(first250.map((c) => c.customer_id));
    expect(nodes.filter((n: any) => n.balance !== null)).toHaveLength(resale);
    // 250 rows are three upstream pages (100, 100, 50); their resale customers need ⌈resale / 100⌉ balance calls.
    expect(resale).toBeGreaterThan(100);
    expect(requests(stack)).toEqual({
      ListSubCustomers: 3,
      ListCustomersBalancesDetail: Math.ceil(resale / 100),
      ListSubCustomerNewTag: 2,
    });
  });
});
