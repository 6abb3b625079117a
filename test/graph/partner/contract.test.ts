/**
 * The contract operations touching the partner graph (ContractPartner, ContractCustomers, the coupons of
 * ContractCustomer, ContractNode) answer exactly what the simulator's raw endpoints return, read through
 * the same BSS client, with the upstream calls they should cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCustomersBalancesDetail, ListIndirectPartners, ListIssuedPartnerCoupons, ListPartnerBalances, ListSubCustomers,
  type ListSubCustomersResponse,
} from '../../../src/bss/operations/partners/index.js';
import { offsetToCursor } from '../../../src/resolvers/connection.js';
import { startStack, type Stack } from '../../support/stack.js';
import { contractOperation, globalId, money, ok, requests } from './support.js';

const ACCOUNT_TYPES: Record<number, string> = { 1: 'CASH', 2: 'CREDIT', 5: 'BONUS', 7: 'DEPOSIT', 8: 'ALLOCATABLE' };
const ASSOCIATION: Record<string, string> = { '1': 'CONSULTATIVE_SALES', '2': 'RESALE' };
const COUPON_STATUS: Record<number, string> = { 1: 'NOT_ACTIVATED', 2: 'USABLE', 3: 'USED', 4: 'EXPIRED', 5: 'RECLAIMED' };

describe('contract operations of the partner graph', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ customers: 150, pii: true });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('ContractPartner: balances, resellers and their customers equal the raw reads, in 1 + 1 + 1 per reseller calls', async () => {
    const balances = await stack.bss.call(ListPartnerBalances, {});
    const resellers = await stack.bss.call(ListIndirectPartners, { body: { offset: 0, limit: 10 } });
    const customersOf = new Map<string, ListSubCustomersResponse>();
    for (const r of resellers.indirect_partners!) {
      customersOf.set(r.indirect_partner_id!, await stack.bss.call(ListSubCustomers, { body: { indirect_partner_id: r.indirect_partner_id!, offset: 0, limit: 5 } }));
    }
    expect(resellers.count).toBe(3);
    stack.bss.counter.reset();

    const data = await ok(stack, contractOperation('ContractPartner'));
    const domainId = stack.simulator.credentials.domainId;
    expect(data.partner).toEqual({
      id: globalId('Partner', domainId),
      domainId,
      balances: balances.account_balances!.map((b) => ({ accountType: ACCOUNT_TYPES[b.account_type], amount: money(b.amount), currency: b.currency })),
      indirectPartners: {
        totalCount: 3,
        pageInfo: { hasNextPage: false, endCursor: offsetToCursor(2) },
        nodes: resellers.indirect_partners!.map((r) => {
          const customers = customersOf.get(r.indirect_partner_id!)!;
          return {
            id: globalId('IndirectPartner', r.indirect_partner_id!),
            indirectPartnerId: r.indirect_partner_id,
            name: r.name,
            customers: {
              totalCount: customers.count,
              // A reseller's customer carries its reseller in its global id.
              nodes: customers.customer_infos!.map((c) => ({ id: globalId('Customer', `${c.customer_id}@${r.indirect_partner_id}`), customerId: c.customer_id })),
            },
          };
        }),
      },
    });
    expect(requests(stack)).toEqual({ ListPartnerBalances: 1, ListIndirectPartners: 1, ListSubCustomers: 3 });
  });

  it('ContractCustomers: every page equals the raw list and balances; endCursor walks the whole list', async () => {
    const all = await stack.bss.paginate(ListSubCustomers, { body: {} });
    expect(all.total).toBeGreaterThan(60);
    const resale = all.items.filter((c) => c.association_type === '2').map((c) => c.customer_id);
    const rawBalances = new Map<string, { amount: string | null; debtAmount: string | null; currency: string | undefined }>();
    for (let i = 0; i < resale.length; i += 100) {
      const res = await stack.bss.call(ListCustomersBalancesDetail, { body: { customer_infos: resale.slice(i, i + 100).map((customer_id) => ({ customer_id })) } });
      for (const b of res.customer_balances!) rawBalances.set(b.customer_id, { amount: money(b.amount), debtAmount: money(b.debt_amount), currency: b.currency });
    }
    expect(rawBalances.size).toBe(resale.length);

    const query = contractOperation('ContractCustomers');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      stack.bss.counter.reset();
      const data: any = await ok(stack, query, { first: 30, after });
      const page = data.partner.customers;
      const offset = seen.length;
      const expected = all.items.slice(offset, offset + 30);
      expect(page.totalCount).toBe(all.total);
      expect(page.edges).toEqual(
        expected.map((c, i) => ({
          cursor: offsetToCursor(offset + i),
          node: {
            id: globalId('Customer', c.customer_id),
            customerId: c.customer_id,
            accountName: c.account_name,
            name: c.customer || null,
            associationType: ASSOCIATION[c.association_type!],
            indirectPartner: null,
            // Consultative-sales customers have no balance the partner may see.
            balance: c.association_type === '2' ? rawBalances.get(c.customer_id) : null,
          },
        })),
      );
      expect(page.pageInfo).toEqual({ hasNextPage: offset + expected.length < all.total, endCursor: offsetToCursor(offset + expected.length - 1) });
      // One page of customers, one balance batch for its resale customers.
      expect(requests(stack)).toEqual({ ListSubCustomers: 1, ListCustomersBalancesDetail: 1 });
      seen.push(...page.edges.map((e: any) => e.node.customerId));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(all.total / 30));
    expect(seen).toEqual(all.items.map((c) => c.customer_id));
  });

  it('ContractCustomer: the coupons of an own and of a reseller\'s customer equal ListIssuedPartnerCoupons', async () => {
    const query = contractOperation('ContractCustomer');
    const resellers = await stack.bss.call(ListIndirectPartners, { body: { limit: 100 } });
    for (const scope of [null, resellers.indirect_partners![0]!.indirect_partner_id!]) {
      const issued = await stack.bss.call(ListIssuedPartnerCoupons, { indirect_partner_id: scope ?? undefined, offset: 0, limit: 100 });
      const holder = issued.user_coupons![0]!.customer_id!;
      const raw = await stack.bss.call(ListIssuedPartnerCoupons, { customer_id: holder, indirect_partner_id: scope ?? undefined, offset: 0, limit: 20 });
      expect(raw.total_count).toBeGreaterThan(0);

      const data = await ok(stack, query, { customerId: holder });
      const key = scope ? `${holder}@${scope}` : holder;
      expect(data.customer.id).toBe(globalId('Customer', key));
      expect(data.customer.customerId).toBe(holder);
      expect(data.customer.coupons).toEqual({
        totalCount: raw.total_count,
        nodes: raw.user_coupons!.map((c) => ({
          id: globalId('Coupon', scope ? `${c.coupon_id}@${scope}` : c.coupon_id!),
          couponId: c.coupon_id,
          faceValue: money(c.face_value),
          balance: money(c.balance),
          status: COUPON_STATUS[c.status!],
        })),
      });
    }
  });

  it('ContractNode: refetches a partner, reseller, customer, coupon and coupon quota by global id', async () => {
    const data = await ok(
      stack,
      `{ partner {
          id
          indirectPartners(first: 1) { nodes { id customers(first: 1) { nodes { id } } } }
          customers(first: 1) { nodes { id } }
          issuedCoupons(first: 1) { nodes { id } }
          couponQuotas(first: 1) { nodes { id } }
        } }`,
    );
    const p = data.partner;
    const ids: [string, string][] = [
      [p.id, 'Partner'],
      [p.indirectPartners.nodes[0].id, 'IndirectPartner'],
      [p.indirectPartners.nodes[0].customers.nodes[0].id, 'Customer'],
      [p.customers.nodes[0].id, 'Customer'],
      [p.issuedCoupons.nodes[0].id, 'Coupon'],
      [p.couponQuotas.nodes[0].id, 'CouponQuota'],
    ];
    const query = contractOperation('ContractNode');
    for (const [id, typename] of ids) {
      expect((await ok(stack, query, { id })).node).toEqual({ id, __typename: typename });
    }
  });
});
