import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListPartnerBalances } from '../../src/bss/operations/partners/index.js';
import { ListServiceTypes } from '../../src/bss/operations/commerce/index.js';
import { formatDecimal, toDecimal } from '../../src/bss/money.js';
import { PartnerSliceDocument } from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

describe('the first slice of the graph, end to end on the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers partner balances and service types exactly as the BSS endpoints return them', async () => {
    const raw = await stack.bss.call(ListPartnerBalances, {});
    const types = await stack.bss.paginate(ListServiceTypes, {});
    stack.bss.counter.reset();

    const result = await stack.graphql(PartnerSliceDocument);
    expect(result.errors).toBeUndefined();
    const partner = result.data!.partner;
    expect(partner.domainId).toBe(stack.simulator.credentials.domainId);
    expect(Buffer.from(partner.id, 'base64').toString()).toBe(`Partner:${partner.domainId}`);
    expect(partner.balances).toEqual(
      raw.account_balances!.map((b) => ({
        accountType: { 1: 'CASH', 2: 'CREDIT', 5: 'BONUS', 7: 'DEPOSIT', 8: 'ALLOCATABLE' }[b.account_type] ?? 'UNKNOWN',
        accountTypeCode: b.account_type,
        amount: formatDecimal(toDecimal(b.amount)),
        designatedAmount: b.designated_amount === undefined ? null : formatDecimal(toDecimal(b.designated_amount)),
        currency: 'CNY',
      })),
    );
    expect(result.data!.serviceTypes).toEqual(
      types.items.map((t) => ({ code: t.service_type_code, name: t.service_type_name, abbreviation: t.abbreviation })),
    );
    expect(result.data!.serviceTypes).toContainEqual({ code: 'hws.service.type.ec2', name: '弹性云服务器', abbreviation: 'ECS' });
    // One balance call and one page of service types (12 types fit one page of 1000).
    expect(stack.bss.counter.snapshot().requests).toEqual({ ListPartnerBalances: 1, ListServiceTypes: 1 });
  });

  it('serves service types from the reference cache on the next request, per language', async () => {
    await stack.graphql('{ serviceTypes { code } }');
    stack.bss.counter.reset();
    const again = await stack.graphql('{ serviceTypes { code name } }');
    expect(again.data.serviceTypes.length).toBe(12);
    expect(stack.bss.counter.requests()).toBe(0);

    const english = await stack.graphql('{ serviceTypes { code name } }', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.data.serviceTypes).toContainEqual({ code: 'hws.service.type.ec2', name: 'Elastic Cloud Server' });
    expect(stack.bss.counter.requests()).toBe(1);
  });

  it('keeps money exact: amounts are strings with every digit', async () => {
    const result = await stack.graphql('{ partner { balances { amount } } }');
    for (const b of result.data.partner.balances) expect(b.amount).toMatch(/^-?\d+\.\d{2,}$/);
  });

  it('refetches the partner through node(id)', async () => {
    const { data } = await stack.graphql('{ partner { id } }');
    const node = await stack.graphql('query($id: ID!) { node(id: $id) { id __typename ... on Partner { domainId } } }', { id: data.partner.id });
    expect(node.data.node).toEqual({ id: data.partner.id, __typename: 'Partner', domainId: stack.simulator.credentials.domainId });
  });
});
