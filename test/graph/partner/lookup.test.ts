/**
 * Customers and resellers by id (Query.customer, Query.indirectPartner, node/nodes), with the search a
 * plain customer id needs and its exact cost; paging with cursors, walking pages above the upstream
 * maximum, and the configured `first` cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListIndirectPartners, ListSubCustomerNewTag, ListSubCustomers, type CustomerInformation } from '../../../src/bss/operations/partners/index.js';
import { offsetToCursor } from '../../../src/resolvers/connection.js';
import { startStack, type Stack } from '../../support/stack.js';
import { globalId, ok, requests, time } from './support.js';

const DETAILS = `
  id customerId accountName name associationType associationTypeCode associatedOn label telephone countryCode email
  verificationStatus verificationStatusCode customerType customerTypeCode frozenState frozenStateCode level levelCode
  accountManagers xaccountId xaccountType indirectPartnerId`;

const VERIFICATION: Record<string, string> = { '-1': 'NOT_VERIFIED', '0': 'UNDER_REVIEW', '1': 'REJECTED', '2': 'VERIFIED' };
const CUSTOMER_TYPES: Record<number, string> = { [-1]: 'NOT_SET', 0: 'INDIVIDUAL', 1: 'ENTERPRISE' };
const FROZEN: Record<number, string> = { 0: 'NOT_FROZEN', 1: 'ACCOUNT_FROZEN', 2: 'ACCOUNT_AND_RESOURCES_FROZEN' };

/** What the graph must answer for a raw ListSubCustomers record read in `scope`. */
function details(c: CustomerInformation, scope: string | null) {
  return {
    id: globalId('Customer', scope ? `${c.customer_id}@${scope}` : c.customer_id),
    customerId: c.customer_id,
    accountName: c.account_name,
    name: c.customer || null,
    associationType: c.association_type === '2' ? 'RESALE' : 'CONSULTATIVE_SALES',
    associationTypeCode: c.association_type,
    associatedOn: time(c.associated_on),
    label: c.label || null,
    telephone: c.telephone,
    countryCode: c.country_code,
    email: c.email,
    verificationStatus: VERIFICATION[c.verified_status!],
    verificationStatusCode: c.verified_status,
    customerType: CUSTOMER_TYPES[c.customer_type!],
    customerTypeCode: c.customer_type,
    frozenState: FROZEN[c.is_frozen!],
    frozenStateCode: c.is_frozen,
    level: c.customer_level,
    levelCode: c.customer_level,
    accountManagers: c.account_managers!.map((m) => m.account_name),
    xaccountId: c.xaccount_id,
    xaccountType: c.xaccount_type,
    indirectPartnerId: scope,
  };
}

describe('lookups by id', () => {
  let stack: Stack;
  let resellers: string[];
  let own: CustomerInformation[];
  let theirs: { scope: string; customer: CustomerInformation }[];

  beforeAll(async () => {
    stack = await startStack({ customers: 150, pii: true });
    resellers = (await stack.bss.call(ListIndirectPartners, { body: {} })).indirect_partners!.map((r) => r.indirect_partner_id!);
    own = (await stack.bss.paginate(ListSubCustomers, { body: {} })).items;
    theirs = [];
    for (const scope of resellers) {
      for (const customer of (await stack.bss.paginate(ListSubCustomers, { body: { indirect_partner_id: scope } })).items) theirs.push({ scope, customer });
    }
  });
  afterAll(async () => {
    await stack.close();
  });

  it('finds an own customer with one exact-filter call, every detail as the raw record has it', async () => {
    expect(resellers).toHaveLength(3);
    for (const c of [own[0]!, own.find((x) => x.association_type === '1')!, own.find((x) => x.verified_status === '-1')!]) {
      stack.bss.counter.reset();
      const data = await ok(stack, `query($id: String!) { customer(customerId: $id) { ${DETAILS} } }`, { id: c.customer_id });
      expect(data.customer).toEqual(details(c, null));
      expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
    }
  });

  it('finds a reseller\'s customer by plain id: own scope, the reseller list, then one call per reseller', async () => {
    const { scope, customer } = theirs[theirs.length - 1]!;
    stack.bss.counter.reset();
    const data = await ok(stack, `query($id: String!) { customer(customerId: $id) { ${DETAILS} indirectPartner { indirectPartnerId } } }`, { id: customer.customer_id });
    expect(data.customer).toEqual({ ...details(customer, scope), indirectPartner: { indirectPartnerId: scope } });
    // The reseller list read for the search also answers `indirectPartner`: no extra call.
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 + 3, ListIndirectPartners: 1 });
  });

  it('skips the search when the reseller is given, and answers null for a wrong one', async () => {
    const { scope, customer } = theirs[0]!;
    const query = `query($id: String!, $ip: String) { customer(customerId: $id, indirectPartnerId: $ip) { ${DETAILS} } }`;
    stack.bss.counter.reset();
    expect((await ok(stack, query, { id: customer.customer_id, ip: scope })).customer).toEqual(details(customer, scope));
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
    const other = resellers.find((r) => r !== scope)!;
    stack.bss.counter.reset();
    expect((await ok(stack, query, { id: customer.customer_id, ip: other })).customer).toBeNull();
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
  });

  it('answers null for a customer nobody has, after asking every scope once', async () => {
    stack.bss.counter.reset();
    const data = await ok(stack, '{ customer(customerId: "0123456789abcdef0123456789abcdef") { customerId } }');
    expect(data.customer).toBeNull();
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 + 3, ListIndirectPartners: 1 });
  });

  it('searches several plain ids at once with one tag probe per reseller, which also answers their tags', async () => {
    const picked = [theirs[0]!, theirs[theirs.length - 1]!];
    expect(picked[0]!.scope).not.toBe(picked[1]!.scope);
    const raw = await Promise.all(
      picked.map(({ scope, customer }) => stack.bss.call(ListSubCustomerNewTag, { body: { customer_ids: [customer.customer_id], limit: 1, indirect_partner_id: scope } })),
    );
    stack.bss.counter.reset();
    const data = await ok(
      stack,
      `query($a: String!, $b: String!) {
        a: customer(customerId: $a) { customerId indirectPartnerId newCustomerTag { tagCode } }
        b: customer(customerId: $b) { customerId indirectPartnerId newCustomerTag { tagCode } }
        again: customer(customerId: $a) { customerId }
      }`,
      { a: picked[0]!.customer.customer_id, b: picked[1]!.customer.customer_id },
    );
    expect(data).toEqual({
      a: { customerId: picked[0]!.customer.customer_id, indirectPartnerId: picked[0]!.scope, newCustomerTag: { tagCode: raw[0]!.new_customer_tags![0]!.new_customer_tag } },
      b: { customerId: picked[1]!.customer.customer_id, indirectPartnerId: picked[1]!.scope, newCustomerTag: { tagCode: raw[1]!.new_customer_tags![0]!.new_customer_tag } },
      again: { customerId: picked[0]!.customer.customer_id },
    });
    // Own scope: one call per distinct id (2); one probe per reseller (3); one exact call per id found (2).
    expect(requests(stack)).toEqual({ ListSubCustomers: 2 + 2, ListIndirectPartners: 1, ListSubCustomerNewTag: 3 });
  });

  it('refetches customers and resellers through node and nodes, in one call each, ids round-tripping', async () => {
    const { scope, customer } = theirs[1]!;
    const ids = [globalId('Customer', own[3]!.customer_id), globalId('Customer', `${customer.customer_id}@${scope}`), globalId('IndirectPartner', scope)];
    stack.bss.counter.reset();
    const data = await ok(
      stack,
      `query($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Customer { customerId indirectPartnerId } ... on IndirectPartner { resellerId: indirectPartnerId } } }`,
      { ids },
    );
    expect(data.nodes).toEqual([
      { id: ids[0], __typename: 'Customer', customerId: own[3]!.customer_id, indirectPartnerId: null },
      { id: ids[1], __typename: 'Customer', customerId: customer.customer_id, indirectPartnerId: scope },
      { id: ids[2], __typename: 'IndirectPartner', resellerId: scope },
    ]);
    expect(requests(stack)).toEqual({ ListSubCustomers: 2, ListIndirectPartners: 1 });
    // An id that is no longer the partner's answers null.
    expect((await ok(stack, `query($id: ID!) { node(id: $id) { id } }`, { id: globalId('IndirectPartner', 'f'.repeat(32)) })).node).toBeNull();
  });

  it('refetches a reseller with all its fields, equal to the listed one', async () => {
    const fields = 'id indirectPartnerId accountName name mobilePhone email associatedOn accountManagerId accountManagerName';
    const listed = (await ok(stack, `{ partner { indirectPartners(first: 10) { nodes { ${fields} } } } }`)).partner.indirectPartners.nodes;
    const raw = (await stack.bss.call(ListIndirectPartners, { body: {} })).indirect_partners!;
    expect(listed).toEqual(
      raw.map((r) => ({
        id: globalId('IndirectPartner', r.indirect_partner_id!), indirectPartnerId: r.indirect_partner_id, accountName: r.account_name, name: r.name,
        mobilePhone: r.mobile_phone, email: r.email, associatedOn: time(r.associated_on), accountManagerId: r.account_manager_id, accountManagerName: r.account_manager_name,
      })),
    );
    for (const r of listed) {
      stack.bss.counter.reset();
      expect((await ok(stack, `query($id: ID!) { node(id: $id) { ... on IndirectPartner { ${fields} } } }`, { id: r.id })).node).toEqual(r);
      expect(requests(stack)).toEqual({ ListIndirectPartners: 1 });
    }
  });
});

describe('paging', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ customers: 150, pii: true });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('serves a first above the upstream page maximum by walking pages', async () => {
    const all = await stack.bss.paginate(ListSubCustomers, { body: {} });
    expect(all.total).toBeGreaterThan(101);
    stack.bss.counter.reset();
    const data = await ok(stack, '{ partner { customers(first: 101) { totalCount pageInfo { hasNextPage endCursor } nodes { customerId } } } }');
    expect(data.partner.customers).toEqual({
      totalCount: all.total,
      pageInfo: { hasNextPage: true, endCursor: offsetToCursor(100) },
      nodes: all.items.slice(0, 101).map((c) => ({ customerId: c.customer_id })),
    });
    // 100 + 1 rows: two upstream pages.
    expect(requests(stack)).toEqual({ ListSubCustomers: 2 });

    const rest = await ok(stack, 'query($after: String) { partner { customers(first: 1000, after: $after) { pageInfo { hasNextPage hasPreviousPage } nodes { customerId } } } }', {
      after: data.partner.customers.pageInfo.endCursor,
    });
    expect(rest.partner.customers.nodes).toEqual(all.items.slice(101).map((c) => ({ customerId: c.customer_id })));
    expect(rest.partner.customers.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backwards with last/before', async () => {
    const all = await stack.bss.paginate(ListSubCustomers, { body: {} });
    const data = await ok(stack, `query($before: String) { partner { customers(last: 3, before: $before) { nodes { customerId } } } }`, { before: offsetToCursor(10) });
    expect(data.partner.customers.nodes).toEqual(all.items.slice(7, 10).map((c) => ({ customerId: c.customer_id })));
  });

  it('refuses a first beyond the configured maximum with a clear error on that field only', async () => {
    stack.bss.counter.reset();
    const result = await stack.graphql('{ partner { domainId customers(first: 1001) { totalCount } } }');
    expect(result.data).toEqual({ partner: { domainId: stack.simulator.credentials.domainId, customers: null } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      message: '"first" may be at most 1000 (got 1001); page with "after" for more',
      path: ['partner', 'customers'],
      extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
    });
    expect(stack.bss.counter.requests()).toBe(0);
  });

  it('refuses a cursor of something else', async () => {
    const result = await stack.graphql('{ partner { customers(first: 1, after: "bm90LWEtY3Vyc29y") { totalCount } } }');
    expect(result.errors![0]).toMatchObject({ path: ['partner', 'customers'], extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });
});
