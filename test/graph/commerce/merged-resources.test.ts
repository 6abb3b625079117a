/**
 * `Customer.resources` is one list over two endpoints: yearly/monthly resources (ListPayPerUseCustomerResources)
 * then pay-per-use ones (ListCustomerOnDemandResources). Pages must line up across the boundary, forwards
 * and backwards, and the filters must ask only the list(s) that can answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListCustomerOnDemandResources, ListPayPerUseCustomerResources } from '../../../src/bss/operations/commerce/index.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { belowCustomer, data, directCustomers, holdings, pick, requests } from './helpers.js';

const PAGE = `query ($customerId: String!, $first: Int, $after: String, $last: Int, $before: String, $chargeMode: ResourceChargeMode, $status: ResourceStatus) {
  customer(customerId: $customerId) {
    resources(first: $first, after: $after, last: $last, before: $before, chargeMode: $chargeMode, status: $status) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { __typename resourceId statusCode } }
    }
  }
}`;

interface Row {
  __typename: string;
  resourceId: string;
  statusCode: number;
}

describe('Customer.resources: period then pay-per-use, paged across both', () => {
  let stack: Stack;
  let customer: CustomerRecord;
  let all: Row[];
  let periodCount: number;

  beforeAll(async () => {
    stack = await startStack();
    customer = pick(directCustomers(stack, '2'), 'resale customer with ≥ 4 resources of each kind', (c) => {
      const h = holdings(stack, c);
      return h.period >= 4 && h.onDemand >= 4;
    });
    const period = await stack.bss.paginate(ListPayPerUseCustomerResources, { body: { customer_id: customer.customerId } });
    const onDemand = await stack.bss.paginate(ListCustomerOnDemandResources, { body: { customer_id: customer.customerId } });
    periodCount = period.total;
    all = [
      ...period.items.map((r) => ({ __typename: 'PeriodResource', resourceId: r.resource_id!, statusCode: r.status! })),
      ...onDemand.items.map((r) => ({ __typename: 'OnDemandResource', resourceId: r.resource_id!, statusCode: r.status! })),
    ];
    // Warm the customer loader's upstream and nothing else: every test counts only resource calls.
    await data(stack, '{ serviceTypes { code } }');
  });
  afterAll(async () => {
    await stack.close();
  });

  const page = (variables: Record<string, unknown>) => data(stack, PAGE, { customerId: customer.customerId, ...variables }).then((d) => d.customer.resources);

  it('walks forward in pages of 3 and yields exactly the concatenation of the two raw lists', async () => {
    const seen: Row[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      stack.bss.counter.reset();
      const p: any = await page({ first: 3, after });
      const calls = requests(stack);
      // Each page asks both lists once (the pay-per-use total is part of totalCount).
      expect(calls['ListPayPerUseCustomerResources']).toBe(1);
      expect(calls['ListCustomerOnDemandResources']).toBe(1);
      expect(p.totalCount).toBe(all.length);
      expect(p.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...p.edges.map((e: any) => e.node));
      pages++;
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      expect(pages).toBeLessThan(50);
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
  });

  it('returns the page that straddles the boundary: last period resources, then the first pay-per-use ones', async () => {
    // Position the window so it starts two rows before the boundary.
    const start = periodCount - 2;
    const cursorBefore = (await page({ first: start })).pageInfo.endCursor;
    const p = await page({ first: 4, after: cursorBefore });
    expect(p.edges.map((e: any) => e.node)).toEqual(all.slice(start, start + 4));
    expect(p.edges.map((e: any) => e.node.__typename)).toEqual(['PeriodResource', 'PeriodResource', 'OnDemandResource', 'OnDemandResource']);
  });

  it('pages backwards with last/before across the boundary', async () => {
    const end = await page({ last: 3 });
    expect(end.edges.map((e: any) => e.node)).toEqual(all.slice(-3));
    expect(end.pageInfo.hasNextPage).toBe(false);
    // `before` the third pay-per-use row: the last period resource and the first two pay-per-use ones.
    const cursor = (await page({ first: periodCount + 3 })).pageInfo.endCursor;
    const before = await page({ last: 3, before: cursor });
    expect(before.edges.map((e: any) => e.node)).toEqual(all.slice(periodCount - 1, periodCount + 2));
    expect(before.pageInfo.hasPreviousPage).toBe(true);
  });

  it('serves a first larger than both upstream pages by walking pages, equal to the whole list', async () => {
    const p = await page({ first: 250 });
    expect(p.edges.map((e: any) => e.node)).toEqual(all);
    expect(p.pageInfo.hasNextPage).toBe(false);
  });

  it('asks only the yearly/monthly list for chargeMode YEARLY_MONTHLY, and only the pay-per-use list for ON_DEMAND', async () => {
    stack.bss.counter.reset();
    const period = await page({ first: 100, chargeMode: 'YEARLY_MONTHLY' });
    expect(period.totalCount).toBe(periodCount);
    expect(period.edges.map((e: any) => e.node)).toEqual(all.slice(0, periodCount));
    expect(belowCustomer(stack)).toEqual({ ListPayPerUseCustomerResources: 1 });

    stack.bss.counter.reset();
    const onDemand = await page({ first: 100, chargeMode: 'ON_DEMAND' });
    expect(onDemand.totalCount).toBe(all.length - periodCount);
    expect(onDemand.edges.map((e: any) => e.node)).toEqual(all.slice(periodCount));
    expect(belowCustomer(stack)).toEqual({ ListCustomerOnDemandResources: 1 });
  });

  it('maps a status filter onto each list\'s own code list, skipping the list that cannot hold it', async () => {
    stack.bss.counter.reset();
    const inUse = await page({ first: 100, status: 'IN_USE' });
    expect(inUse.edges.map((e: any) => e.node)).toEqual(
      all.filter((r) => (r.__typename === 'PeriodResource' ? r.statusCode === 2 : r.statusCode === 1)),
    );
    expect(belowCustomer(stack)).toEqual({ ListPayPerUseCustomerResources: 1, ListCustomerOnDemandResources: 1 });

    // EXPIRED exists only in E10 (yearly/monthly): the pay-per-use list is not asked.
    stack.bss.counter.reset();
    const expired = await page({ first: 100, status: 'EXPIRED' });
    expect(expired.edges.map((e: any) => e.node)).toEqual(all.filter((r) => r.__typename === 'PeriodResource' && r.statusCode === 5));
    expect(belowCustomer(stack)).toEqual({ ListPayPerUseCustomerResources: 1 });

    // GRACE_PERIOD exists only in E11 (pay-per-use).
    stack.bss.counter.reset();
    const grace = await page({ first: 100, status: 'GRACE_PERIOD' });
    expect(grace.totalCount).toBe(all.filter((r) => r.__typename === 'OnDemandResource' && r.statusCode === 2).length);
    expect(belowCustomer(stack)).toEqual({ ListCustomerOnDemandResources: 1 });
  });

  it('refuses UNKNOWN as a status filter with a clear error, without calling upstream', async () => {
    stack.bss.counter.reset();
    const result = await stack.graphql(PAGE, { customerId: customer.customerId, first: 5, status: 'UNKNOWN' });
    expect(result.errors?.[0]?.message).toBe('"status" cannot filter on UNKNOWN: name a status');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'status' });
    expect(result.data.customer.resources).toBeNull();
    expect(requests(stack)['ListPayPerUseCustomerResources']).toBeUndefined();
  });
});
