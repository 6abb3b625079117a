/**
 * Coupons, their records and coupon quotas with the quota tree: equal to the raw endpoints, with coupon
 * records batched ≤ 100 coupons per walk and quotas ≤ 50 ids per call (per scope and quota type).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCouponQuotasRecords, ListIndirectPartners, ListIssuedCouponQuotas, ListIssuedPartnerCoupons, ListPartnerCouponsRecord, ListQuotaCoupons,
  type CouponQuotaV2, type CouponRecordV2, type IQueryUserPartnerCouponsResultV2,
} from '../../../src/bss/operations/partners/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { globalId, money, ok, requests, time } from './support.js';

const STATUS: Record<number, string> = { 1: 'NOT_ACTIVATED', 2: 'USABLE', 3: 'USED', 4: 'EXPIRED', 5: 'RECLAIMED' };
const COUPON_TYPE: Record<number, string> = { 1: 'VOUCHER', 2: 'DISCOUNT_COUPON', 3: 'PRODUCT_COUPON', 4: 'CASH_COUPON' };
const QUOTA_STATUS: Record<number, string> = { 0: 'NORMAL', 3: 'INVALID', 4: 'ADJUSTING', 5: 'FROZEN', 6: 'RECLAIMED' };
const OPERATION: Record<string, string> = { '1': 'ISSUE', '2': 'MANUAL_RECLAIM' };

const COUPON_FIELDS = `id couponId status statusCode couponType couponTypeCode faceValue balance effectiveTime expireTime activeTime lastUsedTime
  createTime customerId orderId promotionPlanId promotionPlanName mediaType fetchMethod frozen indirectPartnerId
  useLimits { limitId key value1 value2 }`;

function coupon(c: IQueryUserPartnerCouponsResultV2, scope: string | null) {
  return {
    id: globalId('Coupon', scope ? `${c.coupon_id}@${scope}` : c.coupon_id!),
    couponId: c.coupon_id,
    status: STATUS[c.status!],
    statusCode: c.status,
    couponType: COUPON_TYPE[c.coupon_type!],
    couponTypeCode: c.coupon_type,
    faceValue: money(c.face_value),
    balance: money(c.balance),
    effectiveTime: time(c.effective_time),
    expireTime: time(c.expire_time),
    activeTime: time(c.active_time),
    lastUsedTime: time(c.last_used_time),
    createTime: time(c.create_time),
    customerId: c.customer_id,
    orderId: c.order_id || null,
    promotionPlanId: c.promotion_plan_id,
    promotionPlanName: c.promotion_plan_name,
    mediaType: 'ELECTRONIC',
    fetchMethod: 'ISSUED_ONLINE',
    frozen: c.is_frozen === '1',
    indirectPartnerId: scope,
    useLimits: c.use_limits!.map((l) => ({ limitId: l.use_limiti_info_id, key: l.limit_key, value1: l.value1 || null, value2: l.value2 || null })),
  };
}

const record = (r: CouponRecordV2) => ({
  recordId: r.id, operationType: OPERATION[r.operation_type!], quotaId: r.quota_id, quotaTypeCode: r.quota_type, couponId: r.coupon_id,
  customerId: r.customer_id, amount: money(r.operation_amount), operationTime: time(r.operation_time), result: 'SUCCESS',
});

const QUOTA_FIELDS = 'id quotaId quotaType quotaTypeCode status statusCode value balance currency createTime effectiveTime expireTime indirectPartnerId limits { key values { value1 value2 } }';

function quota(q: CouponQuotaV2, scope: string | null) {
  return {
    id: globalId('CouponQuota', `${q.quota_type}:${scope ? `${q.quota_id}@${scope}` : q.quota_id}`),
    quotaId: q.quota_id,
    quotaType: q.quota_type === 1 ? 'CASH_COUPON_QUOTA' : 'VOUCHER_QUOTA',
    quotaTypeCode: q.quota_type,
    status: QUOTA_STATUS[q.quota_status!],
    statusCode: q.quota_status,
    value: money(q.quota_value),
    balance: money(q.balance),
    currency: q.currency,
    createTime: time(q.create_time),
    effectiveTime: time(q.effective_time),
    expireTime: time(q.expire_time),
    indirectPartnerId: scope,
    limits: q.limit_infos!.map((l) => ({ key: l.limit_key, values: l.limit_values!.map((v) => ({ value1: v.value1 || null, value2: v.value2 || null })) })),
  };
}

describe('coupons and coupon quotas', () => {
  let stack: Stack;
  let resellers: string[];
  beforeAll(async () => {
    stack = await startStack({ customers: 500, pii: true });
    resellers = (await stack.bss.call(ListIndirectPartners, { body: {} })).indirect_partners!.map((r) => r.indirect_partner_id!);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('lists issued coupons with all their records and quotas: one coupon page, ⌈records / 100⌉ record calls, one quota call per quota type', async () => {
    const raw = await stack.bss.call(ListIssuedPartnerCoupons, { offset: 0, limit: 100 });
    expect(raw.user_coupons).toHaveLength(100);
    const ids = raw.user_coupons!.map((c) => c.coupon_id!);
    const records = await stack.bss.paginate(ListPartnerCouponsRecord, { coupon_ids: ids });
    // More records than one page holds: the walk must page until total_count.
    expect(records.total).toBeGreaterThan(100);
    const quotaIds = new Map<number, Set<string>>();
    for (const r of records.items) (quotaIds.get(r.quota_type!) ?? quotaIds.set(r.quota_type!, new Set()).get(r.quota_type!)!).add(r.quota_id!);
    expect(quotaIds.size).toBe(2);
    const quotas = new Map<string, CouponQuotaV2>();
    for (const [type, set] of quotaIds) {
      for (const q of (await stack.bss.call(ListQuotaCoupons, { body: { quota_ids: [...set], quota_type: type, limit: set.size } })).quotas!) quotas.set(q.quota_id!, q);
    }
    stack.bss.counter.reset();

    const data = await ok(
      stack,
      `{ partner { issuedCoupons(first: 100) { totalCount nodes {
          ${COUPON_FIELDS}
          records { recordId operationType quotaId quotaTypeCode couponId customerId amount operationTime result }
          quota { ${QUOTA_FIELDS} }
        } } } }`,
    );
    expect(data.partner.issuedCoupons.totalCount).toBe(raw.total_count);
    expect(data.partner.issuedCoupons.nodes).toEqual(
      raw.user_coupons!.map((c) => {
        const mine = records.items.filter((r) => r.coupon_id === c.coupon_id);
        const issue = mine.find((r) => r.operation_type === '1')!;
        return { ...coupon(c, null), records: mine.map(record), quota: quota(quotas.get(issue.quota_id!)!, null) };
      }),
    );
    expect(requests(stack)).toEqual({
      ListIssuedPartnerCoupons: 1,
      ListPartnerCouponsRecord: Math.ceil(records.total / 100),
      ListQuotaCoupons: 2,
    });
  });

  it('lists a reseller\'s issued coupons in its scope, and refetches one by its global id in one call', async () => {
    const scope = resellers[0]!;
    const raw = await stack.bss.call(ListIssuedPartnerCoupons, { indirect_partner_id: scope, offset: 0, limit: 5 });
    expect(raw.total_count).toBeGreaterThan(0);
    const data = await ok(stack, `query($id: String!) { indirectPartner(indirectPartnerId: $id) { issuedCoupons(first: 5) { nodes { ${COUPON_FIELDS} } } } }`, { id: scope });
    const listed = data.indirectPartner.issuedCoupons.nodes;
    expect(listed).toEqual(raw.user_coupons!.map((c) => coupon(c, scope)));

    stack.bss.counter.reset();
    const node = await ok(stack, `query($id: ID!) { node(id: $id) { ... on Coupon { ${COUPON_FIELDS} indirectPartner { indirectPartnerId } } } }`, { id: listed[0].id });
    expect(node.node).toEqual({ ...listed[0], indirectPartner: { indirectPartnerId: scope } });
    // The reseller's id is the coupon's own: no reseller lookup (issue 15).
    expect(requests(stack)).toEqual({ ListIssuedPartnerCoupons: 1 });
  });

  it('lists the partner\'s quotas of each type, and batches quota refetches per scope and type', async () => {
    const vouchers = await stack.bss.call(ListQuotaCoupons, { body: { offset: 0, limit: 100 } });
    const cash = await stack.bss.call(ListQuotaCoupons, { body: { quota_type: 1, offset: 0, limit: 100 } });
    expect(vouchers.total_count).toBe(3);
    expect(cash.total_count).toBe(1);
    const data = await ok(
      stack,
      `{ partner {
          vouchers: couponQuotas(first: 10) { totalCount nodes { ${QUOTA_FIELDS} parentQuotaId } }
          cash: couponQuotas(first: 10, quotaType: CASH_COUPON_QUOTA) { totalCount nodes { ${QUOTA_FIELDS} } }
          frozen: couponQuotas(first: 10, statuses: [FROZEN]) { nodes { quotaId status } }
        } }`,
    );
    expect(data.partner.vouchers).toEqual({ totalCount: 3, nodes: vouchers.quotas!.map((q) => ({ ...quota(q, null), parentQuotaId: null })) });
    expect(data.partner.cash).toEqual({ totalCount: 1, nodes: cash.quotas!.map((q) => quota(q, null)) });
    expect(data.partner.frozen.nodes).toEqual(vouchers.quotas!.filter((q) => q.quota_status === 5).map((q) => ({ quotaId: q.quota_id, status: 'FROZEN' })));

    const ids = [...data.partner.vouchers.nodes.map((q: any) => q.id), data.partner.cash.nodes[0].id];
    stack.bss.counter.reset();
    const nodes = await ok(stack, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on CouponQuota { ${QUOTA_FIELDS} } } }`, { ids });
    expect(nodes.nodes).toEqual([...vouchers.quotas!, ...cash.quotas!].map((q) => quota(q, null)));
    // Three voucher quotas in one call (quota_ids ≤ 50), the cash-coupon quota in another (one quota_type per call).
    expect(requests(stack)).toEqual({ ListQuotaCoupons: 2 });
  });

  it('walks the quota tree: issued quotas with their parent, a root\'s children, and a reseller quota\'s parent', async () => {
    const issued = await stack.bss.paginate(ListIssuedCouponQuotas, {});
    expect(issued.total).toBeGreaterThan(1);
    const parentId = issued.items[0]!.parent_quota_id!;
    const parent = (await stack.bss.call(ListQuotaCoupons, { body: { quota_ids: [parentId], limit: 1 } })).quotas![0]!;
    stack.bss.counter.reset();
    const data = await ok(
      stack,
      `{ partner { issuedCouponQuotas(first: 100) { totalCount nodes { quotaId status indirectPartnerId parentQuotaId value balance parentQuota { quotaId balance } } } } }`,
    );
    expect(data.partner.issuedCouponQuotas).toEqual({
      totalCount: issued.total,
      nodes: issued.items.map((q) => ({
        quotaId: q.quota_id, status: QUOTA_STATUS[q.quota_status!], indirectPartnerId: q.indirect_partner_id, parentQuotaId: q.parent_quota_id,
        value: money(q.quota_value), balance: money(q.balance), parentQuota: { quotaId: parent.quota_id, balance: money(parent.balance) },
      })),
    });
    // Every issued quota has the same parent: one ListQuotaCoupons call serves them all.
    expect(requests(stack)).toEqual({ ListIssuedCouponQuotas: 1, ListQuotaCoupons: 1 });

    const children = await ok(stack, `query($id: ID!) { node(id: $id) { ... on CouponQuota { issuedQuotas(first: 100) { totalCount nodes { quotaId } } } } }`, {
      id: globalId('CouponQuota', `0:${parentId}`),
    });
    expect(children.node.issuedQuotas).toEqual({ totalCount: issued.total, nodes: issued.items.map((q) => ({ quotaId: q.quota_id })) });

    // A reseller's quota read through ListQuotaCoupons does not name its parent: one ListIssuedCouponQuotas call does.
    const child = issued.items.find((q) => q.quota_status === 0)!;
    stack.bss.counter.reset();
    const tree = await ok(
      stack,
      `query($ip: String) { partner { couponQuotas(first: 10, indirectPartnerId: $ip) { nodes { quotaId indirectPartnerId parentQuotaId parentQuota { quotaId } } } } }`,
      { ip: child.indirect_partner_id },
    );
    expect(tree.partner.couponQuotas.nodes).toContainEqual({ quotaId: child.quota_id, indirectPartnerId: child.indirect_partner_id, parentQuotaId: parentId, parentQuota: { quotaId: parentId } });
    const n = tree.partner.couponQuotas.nodes.length;
    expect(requests(stack)).toEqual({ ListQuotaCoupons: 2, ListIssuedCouponQuotas: n });
  });

  it('lists a reseller\'s quotas as issued to it, and the quota log with both ends of the tree', async () => {
    const withQuota = (await stack.bss.paginate(ListIssuedCouponQuotas, {})).items.find((q) => q.quota_status === 0)!;
    const scope = withQuota.indirect_partner_id!;
    const raw = await stack.bss.call(ListIssuedCouponQuotas, { indirect_partner_id: scope, offset: 0, limit: 100 });
    const log = await stack.bss.call(ListCouponQuotasRecords, { indirect_partner_id: scope, offset: 0, limit: 100 });
    expect(log.total_count).toBeGreaterThan(0);
    const data = await ok(
      stack,
      `query($id: String!) { indirectPartner(indirectPartnerId: $id) {
          couponQuotas(first: 100) { totalCount nodes { quotaId indirectPartnerId parentQuotaId status } }
          quotaRecords(first: 100) { totalCount nodes {
            recordId operator operationType quotaId parentQuotaId amount operationTime result indirectPartnerId indirectPartnerName remark
            quota { quotaId indirectPartnerId } parentQuota { quotaId indirectPartnerId }
          } }
        } }`,
      { id: scope },
    );
    expect(data.indirectPartner.couponQuotas).toEqual({
      totalCount: raw.total_count,
      nodes: raw.quotas!.map((q) => ({ quotaId: q.quota_id, indirectPartnerId: scope, parentQuotaId: q.parent_quota_id, status: QUOTA_STATUS[q.quota_status!] })),
    });
    expect(data.indirectPartner.quotaRecords).toEqual({
      totalCount: log.total_count,
      nodes: log.records!.map((r) => ({
        recordId: r.id, operator: r.operator, operationType: r.operation_type === '10' ? 'ISSUE' : 'RECLAIM', quotaId: r.quota_id, parentQuotaId: r.parent_quota_id,
        amount: money(r.amount), operationTime: time(r.operation_time), result: 'SUCCESS', indirectPartnerId: scope, indirectPartnerName: r.indirect_partner_name,
        remark: r.remark || null, quota: { quotaId: r.quota_id, indirectPartnerId: scope }, parentQuota: { quotaId: r.parent_quota_id, indirectPartnerId: null },
      })),
    });

    // A reseller's quota refetched by its global id: ListQuotaCoupons in the reseller's scope, its parent from §1.11.
    const live = raw.quotas!.find((q) => q.quota_status === 0)!;
    const id = globalId('CouponQuota', `0:${live.quota_id}@${scope}`);
    stack.bss.counter.reset();
    const node = await ok(stack, `query($id: ID!) { node(id: $id) { id ... on CouponQuota { quotaId indirectPartnerId value balance parentQuotaId } } }`, { id });
    expect(node.node).toEqual({ id, quotaId: live.quota_id, indirectPartnerId: scope, value: money(live.quota_value), balance: money(live.balance), parentQuotaId: live.parent_quota_id });
    expect(requests(stack)).toEqual({ ListQuotaCoupons: 1, ListIssuedCouponQuotas: 1 });
  });

  it('lists the customer\'s coupons and their records under the customer, scoped to its reseller', async () => {
    const scope = resellers[1]!;
    const first = (await stack.bss.call(ListIssuedPartnerCoupons, { indirect_partner_id: scope, offset: 0, limit: 1 })).user_coupons![0]!;
    const raw = await stack.bss.call(ListIssuedPartnerCoupons, { customer_id: first.customer_id, indirect_partner_id: scope, offset: 0, limit: 100 });
    const log = await stack.bss.call(ListPartnerCouponsRecord, { customer_id: first.customer_id, indirect_partner_id: scope, offset: 0, limit: 100 });
    const data = await ok(
      stack,
      `query($id: String!, $ip: String) { customer(customerId: $id, indirectPartnerId: $ip) {
          coupons(first: 100) { totalCount nodes { couponId customer { customerId indirectPartnerId } } }
          couponRecords(first: 100) { totalCount nodes { recordId couponId coupon { couponId } } }
        } }`,
      { id: first.customer_id, ip: scope },
    );
    expect(data.customer.coupons).toEqual({
      totalCount: raw.total_count,
      nodes: raw.user_coupons!.map((c) => ({ couponId: c.coupon_id, customer: { customerId: first.customer_id, indirectPartnerId: scope } })),
    });
    expect(data.customer.couponRecords).toEqual({
      totalCount: log.total_count,
      nodes: log.records!.map((r) => ({ recordId: r.id, couponId: r.coupon_id, coupon: { couponId: r.coupon_id } })),
    });
  });

  it('refetches coupon records and quota records through node(id) with one call each', async () => {
    const scope = resellers[1]!;
    const first = (await stack.bss.call(ListIssuedPartnerCoupons, { indirect_partner_id: scope, offset: 0, limit: 1 })).user_coupons![0]!;
    const listed = await ok(
      stack,
      `query($id: String!, $ip: String) { customer(customerId: $id, indirectPartnerId: $ip) {
          couponRecords(first: 5) { nodes { id recordId couponId amount operationType } } } }`,
      { id: first.customer_id, ip: scope },
    );
    const record = listed.customer.couponRecords.nodes[0];
    expect(record.recordId).toBeTruthy();
    stack.bss.counter.reset();
    const again = await ok(stack, 'query($id: ID!) { node(id: $id) { id ... on CouponRecord { recordId couponId amount operationType } } }', { id: record.id });
    expect(again.node).toEqual(record);
    expect(requests(stack)).toEqual({ ListPartnerCouponsRecord: 1 });

    const withLog = (await stack.bss.call(ListCouponQuotasRecords, { offset: 0, limit: 100 })).records!.find((r) => r.indirect_partner_id && r.quota_id)!;
    const quotaLog = await ok(
      stack,
      `query($id: String!) { indirectPartner(indirectPartnerId: $id) { quotaRecords(first: 100) { nodes { id recordId quotaId amount } } } }`,
      { id: withLog.indirect_partner_id },
    );
    const quotaRecord = quotaLog.indirectPartner.quotaRecords.nodes.find((r: any) => r.recordId === withLog.id);
    stack.bss.counter.reset();
    const quotaAgain = await ok(stack, 'query($id: ID!) { node(id: $id) { id ... on QuotaRecord { recordId quotaId amount } } }', { id: quotaRecord.id });
    expect(quotaAgain.node).toEqual(quotaRecord);
    expect(requests(stack)).toEqual({ ListCouponQuotasRecords: 1 });

    const unknown = await ok(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: globalId('CouponRecord', `nope|${first.coupon_id}@${scope}`) });
    expect(unknown.node).toBeNull();
  });

  it('sends each created / effective / expiring bound of coupons and quotas as its own wire filter', async () => {
    const coupons = (await stack.bss.call(ListIssuedPartnerCoupons, { offset: 0, limit: 100 })).user_coupons!;
    const quotas = (await stack.bss.call(ListQuotaCoupons, { body: { offset: 0, limit: 100 } })).quotas!;
    // A bound in the middle of each attribute's values, so every filter narrows the list (a swapped one would differ).
    const middle = (times: (string | null | undefined)[]) => [...times].filter(Boolean).sort()[Math.floor(times.length / 2)]!;
    const bounds = [
      ['createdFrom', 'create_time_begin', 'create_time'], ['createdTo', 'create_time_end', 'create_time'],
      ['effectiveFrom', 'effective_time_begin', 'effective_time'], ['effectiveTo', 'effective_time_end', 'effective_time'],
      ['expireFrom', 'expire_time_begin', 'expire_time'], ['expireTo', 'expire_time_end', 'expire_time'],
    ] as const;
    for (const [arg, wire, field] of bounds) {
      const couponBound = middle(coupons.map((c) => c[field]));
      const quotaBound = middle(quotas.map((q) => q[field]));
      const expected = {
        coupons: (await stack.bss.call(ListIssuedPartnerCoupons, { [wire]: couponBound, offset: 0, limit: 1 })).total_count,
        quotas: (await stack.bss.call(ListQuotaCoupons, { body: { [wire]: quotaBound, offset: 0, limit: 1 } })).total_count,
      };
      const all = { coupons: (await stack.bss.call(ListIssuedPartnerCoupons, { offset: 0, limit: 1 })).total_count, quotas: (await stack.bss.call(ListQuotaCoupons, { body: { offset: 0, limit: 1 } })).total_count };
      expect(expected.coupons, arg).toBeLessThan(all.coupons!);
      expect(expected.quotas, arg).toBeLessThan(all.quotas!);
      const data = await ok(
        stack,
        `query($c: DateTime!, $q: DateTime!) { partner { issuedCoupons(${arg}: $c, first: 1) { totalCount } couponQuotas(${arg}: $q, first: 1) { totalCount } } }`,
        { c: couponBound, q: quotaBound },
      );
      expect({ coupons: data.partner.issuedCoupons.totalCount, quotas: data.partner.couponQuotas.totalCount }, arg).toEqual(expected);
    }
  });

  it('answers no coupons for a consultative-sales customer without asking', async () => {
    const data = await ok(stack, '{ partner { customers(first: 1, associationType: CONSULTATIVE_SALES) { nodes { customerId associationType } } } }');
    const c = data.partner.customers.nodes[0];
    expect(c.associationType).toBe('CONSULTATIVE_SALES');
    stack.bss.counter.reset();
    const coupons = await ok(stack, 'query($id: String!) { customer(customerId: $id) { balance { amount } coupons(first: 5) { totalCount nodes { couponId } } } }', { id: c.customerId });
    expect(coupons.customer).toEqual({ balance: null, coupons: { totalCount: 0, nodes: [] } });
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
    const raw = await stack.bss.call(ListIssuedPartnerCoupons, { customer_id: c.customerId, limit: 5 });
    expect(raw.total_count).toBe(0);
  });
});
