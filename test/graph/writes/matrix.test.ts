/**
 * The write matrix of issue 13, one table over all 21 mutations, against the simulator and an in-memory store.
 * For each mutation:
 *
 * - two concurrent requests with one idempotency key: the exact upstream calls of one write (the reads before and
 *   after it, the write once), applied once at the simulator, one answer
 *   `replayed: false` and the other `replayed: true`; a third request replays with 0 upstream calls;
 * - the audit rows of that key: the attempt, the outcome and the two replays, under the mutation and the API key,
 *   naming the upstream write;
 * - an analyst key: FORBIDDEN, 0 calls; bad input: BAD_USER_INPUT naming the field, 0 calls;
 * - a reseller key reaching outside its subtree (the partner's own targets, or naming another reseller): FORBIDDEN
 *   for the admin-only writes, NOT_FOUND where the target is looked for in its scope only; the write never sent;
 *   and inside its subtree (its customers, orders, resources, its own quota): applied once, in its scope;
 * - the answer lost after the write applied (connection closed): reconciled, applied once, then replayed with 0 calls;
 * - the answer lost before it applied (connection reset before the simulator acted): not applied, `retryable`, and
 *   the same key then applies it once.
 *
 * Two mutations cannot be reconciled by design (docs/writes.md): setResourcesRenewal (the setting cannot be read back:
 * OUTCOME_UNKNOWN, key held) and sendVerificationCode (no record to look in: `confirmed: false`, never resent).
 * "Applied" is read at the simulator (its books, not the gateway's answer) by each row's `applied`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import type { ResourceRecord } from '../../../src/simulator/dataset/commerce/types.js';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { UpdateCustomerAccountAmount, UpdateIndirectPartnerAccount } from '../../../src/bss/operations/partners/index.js';
import { World } from '../../../src/simulator/dataset/world.js';
import { auditOf, codes, newKey, requests, simCustomerCash, simScopeCash } from './support.js';

const KEYS = { admin: 'pg_matrix_admin', analyst: 'pg_matrix_analyst', reseller: 'pg_matrix_reseller' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

type Input = Record<string, unknown>;
/** Whose targets: the partner's own, or those of the reseller key's subtree. */
type Side = 'partner' | 'reseller';

/** Targets of one side, used up one per request where a write changes them for good. */
interface Pools {
  /** A resale customer with cash to move both ways. */
  fundsCustomer: string;
  /** A voucher quota that side issues from, and a resale customer to issue to. */
  couponQuotaId: string;
  couponCustomer: string;
  /** Pending orders (their customers have an agency and the cash to pay). */
  pendingOrders: { orderId: string; customerId: string }[];
  /** Main, in-use, yearly/monthly resources of customers with an agency, no expiry policy, in no unpaid order. */
  resources: ResourceRecord[];
  /** Customers with an agency. */
  tokenCustomers: string[];
}
/** How a lost answer ends for a mutation: reconciled from the upstream's records, or by design not. */
type LostAnswer = 'reconciled' | 'unknown' | 'unconfirmed';

interface WriteCase {
  readonly mutation: string;
  readonly inputType: string;
  /** The upstream write it makes. */
  readonly write: string;
  /** Every upstream call of one write (its reads before and after; the customer token's IAM exchange aside, it is cached). */
  readonly calls: Readonly<Record<string, number>>;
  /**
   * A valid input (without the idempotency key) for targets not written yet, in the partner's own scope or in the
   * reseller key's subtree (`side`; admin-only writes have the partner's only). May write setup state first.
   */
  fresh(side?: Side): Promise<Input> | Input;
  /** How many times this input's write shows at the simulator. */
  applied(input: Input): number;
  /** A variant the reference's rules refuse, and the field named. */
  bad(input: Input): [Input, string];
  readonly lost?: LostAnswer;
  /**
   * What a reseller key gets for this input (the partner's own targets, outside any reseller's subtree), with no
   * write sent: FORBIDDEN for the admin-only writes, NOT_FOUND where the target is looked for in its scope only.
   */
  readonly reseller: 'FORBIDDEN' | 'NOT_FOUND';
  /** The input a reseller key sends to reach outside its subtree, when not the same input. */
  outside?(input: Input): Input;
}

let stack: Stack;
let xaccountType: string;
let serial = 0;
const next = () => ++serial;
/** A distinct amount per request (two-decimal), so the simulator's records of one request are told apart. */
const amount = () => new Decimal(1).plus(new Decimal(next()).div(100)).toFixed(2);
const take = <T>(pool: T[], what: string): T => {
  const item = pool.shift();
  if (!item) throw new Error(`no ${what} left in the simulated world`);
  return item;
};

let pools: Record<Side, Pools>;
/** The reseller the distributor funds (admin-only writes), and the reseller key's own. */
let reseller: string;
let resellerOfKey: string;
let quotaId: string;
let unverified: CustomerRecord[];
let individuals: CustomerRecord[];

const gql = (c: WriteCase) => `mutation ($input: ${c.inputType}!) { ${c.mutation}(input: $input) { replayed${c.lost === 'unconfirmed' ? ' confirmed' : ''} } }`;
const run = (c: WriteCase, input: Input, key = KEYS.admin) => stack.graphql(gql(c), { input }, bearer(key));
/** Upstream requests since the last reset, without IAM's customer-token exchange (made once per customer, then cached). */
const withoutToken = (): Record<string, number> => {
  const { KeystoneCreateAgencyToken: _token, ...rest } = requests(stack);
  return rest;
};
const keyOf = (side: Side) => (side === 'reseller' ? KEYS.reseller : KEYS.admin);
const sim = () => stack.simulator.state;
/** Transfers of `amt` to or from a target, in the account that paid or received them (a customer's reseller's, or the distributor's). */
const transfersOf = (scope: string | null, target: unknown, amt: unknown, kind: 'adjust' | 'reclaim') =>
  sim().partners.funds.scopeAccount(scope).transfers.filter((t) => t.targetId === target && t.kind === kind && t.amount.eq(String(amt))).length;
const scopeOf = (customerId: unknown) => sim().partners.customers.get(String(customerId))!.indirectPartnerId;
const resource = (r: Input) => sim().commerce.resourcesOf(String(r.customerId)).find((x) => x.resourceId === (r.resourceIds as string[] | undefined)?.[0] || x.resourceId === r.resourceId)!;
const review = (customerId: unknown) => sim().partners.realname.verification(sim().partners.customers.get(String(customerId))!, sim().world.now).review;
const resourceInput = (side: Side = 'partner') => {
  const r = take(pools[side].resources, 'usable yearly/monthly resource');
  return { customerId: r.customerId, resourceIds: [r.resourceId] };
};

async function write(side: Side, query: string, variables: Input): Promise<any> {
  const res = await stack.graphql(query, variables, bearer(keyOf(side)));
  expect(res.errors).toBeUndefined();
  return res.data;
}

const CASES: WriteCase[] = [
  {
    mutation: 'allocateCustomerFunds', inputType: 'AllocateCustomerFundsInput', write: 'UpdateCustomerAccountAmount',
    calls: { ListSubCustomers: 1, UpdateCustomerAccountAmount: 1, ListCustomersBalancesDetail: 1 }, reseller: 'NOT_FOUND',
    fresh: (side = 'partner') => ({ customerId: pools[side].fundsCustomer, amount: amount() }),
    applied: (i) => transfersOf(scopeOf(i.customerId), i.customerId, i.amount, 'adjust'),
    bad: (i) => [{ ...i, amount: '0.001' }, 'input.amount'],
  },
  {
    mutation: 'reclaimCustomerFunds', inputType: 'ReclaimCustomerFundsInput', write: 'ReclaimToPartnerAccount',
    calls: { ListSubCustomers: 1, ReclaimToPartnerAccount: 1, ListCustomersBalancesDetail: 1 }, reseller: 'NOT_FOUND',
    fresh: (side = 'partner') => ({ customerId: pools[side].fundsCustomer, amount: amount() }),
    applied: (i) => transfersOf(scopeOf(i.customerId), i.customerId, i.amount, 'reclaim'),
    bad: (i) => [{ ...i, amount: '-1.00' }, 'input.amount'],
  },
  {
    mutation: 'allocateResellerFunds', inputType: 'AllocateResellerFundsInput', write: 'UpdateIndirectPartnerAccount',
    calls: { ListIndirectPartners: 1, UpdateIndirectPartnerAccount: 1, ListPartnerBalances: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({ indirectPartnerId: reseller, amount: amount() }),
    applied: (i) => transfersOf(null, reseller, i.amount, 'adjust'),
    bad: (i) => [{ ...i, amount: '0' }, 'input.amount'],
  },
  {
    mutation: 'reclaimResellerFunds', inputType: 'ReclaimResellerFundsInput', write: 'ReclaimIndirectPartnerAccount',
    calls: { ListIndirectPartners: 1, ReclaimIndirectPartnerAccount: 1, ListPartnerBalances: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({ indirectPartnerId: reseller, amount: amount() }),
    applied: (i) => transfersOf(null, reseller, i.amount, 'reclaim'),
    bad: (i) => [{ ...i, indirectPartnerId: 'r'.repeat(65) }, 'input.indirectPartnerId'],
  },
  {
    mutation: 'allocateResellerCouponQuota', inputType: 'AllocateResellerCouponQuotaInput', write: 'UpdateCouponQuotas',
    calls: { ListIndirectPartners: 1, UpdateCouponQuotas: 1, ListIssuedCouponQuotas: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({ quotaId, indirectPartnerIds: [reseller], amount: amount() }),
    applied: (i) => sim().partners.coupons.quotas().filter((q) => q.parentQuotaId === quotaId && q.owner === reseller && q.value.eq(String(i.amount))).length,
    bad: (i) => [{ ...i, amount: '1.001' }, 'input.amount'],
  },
  {
    mutation: 'reclaimResellerCouponQuota', inputType: 'ReclaimResellerCouponQuotaInput', write: 'ReclaimCouponQuotas',
    calls: { ListIssuedCouponQuotas: 2, ReclaimCouponQuotas: 1 }, reseller: 'FORBIDDEN',
    async fresh() {
      const d = await write('partner', `mutation ($k: String!, $q: String!, $r: String!, $a: Decimal!) {
        allocateResellerCouponQuota(input: { quotaId: $q, indirectPartnerIds: [$r], amount: $a, idempotencyKey: $k }) { allocated { quota { quotaId } } } }`,
      { k: newKey('setup'), q: quotaId, r: reseller, a: amount() });
      return { quotaIds: [d.allocateResellerCouponQuota.allocated[0].quota.quotaId] };
    },
    applied: (i) => (sim().partners.coupons.quota((i.quotaIds as string[])[0]!)!.status === 6 ? 1 : 0),
    bad: () => [{ quotaIds: Array.from({ length: 11 }, (_, n) => `QT${n}`) }, 'input.quotaIds'],
  },
  {
    mutation: 'issueCoupons', inputType: 'IssueCouponsInput', write: 'CreatePartnerCoupons',
    calls: { ListSubCustomers: 1, CreatePartnerCoupons: 1, ListIssuedPartnerCoupons: 1 }, reseller: 'NOT_FOUND',
    fresh: (side = 'partner') => ({ quotaId: pools[side].couponQuotaId, customerIds: [pools[side].couponCustomer], faceValue: amount() }),
    applied: (i) => sim().partners.coupons.issuedCoupons().filter((c) => c.holderId === (i.customerIds as string[])[0] && c.quotaId === i.quotaId && c.faceValue.eq(String(i.faceValue))).length,
    bad: (i) => [{ ...i, faceValue: '0.00' }, 'input.faceValue'],
  },
  {
    mutation: 'reclaimCoupons', inputType: 'ReclaimCouponsInput', write: 'ReclaimPartnerCoupons',
    calls: { ListIssuedPartnerCoupons: 2, ReclaimPartnerCoupons: 1 }, reseller: 'NOT_FOUND',
    async fresh(side = 'partner') {
      const d = await write(side, `mutation ($k: String!, $q: String!, $c: String!, $v: Decimal!) {
        issueCoupons(input: { quotaId: $q, customerIds: [$c], faceValue: $v, idempotencyKey: $k }) { issued { coupon { couponId } } } }`,
      { k: newKey('setup'), q: pools[side].couponQuotaId, c: pools[side].couponCustomer, v: amount() });
      return { couponId: d.issueCoupons.issued[0].coupon.couponId };
    },
    applied: (i) => (sim().partners.coupons.coupon(String(i.couponId))!.reclaimedAt ? 1 : 0),
    bad: () => [{ couponId: '' }, 'input.couponId'],
  },
  {
    mutation: 'createCustomer', inputType: 'CreateCustomerInput', write: 'CreateSubCustomer',
    calls: { CreateSubCustomer: 1, ListSubCustomers: 1 }, reseller: 'FORBIDDEN', outside: (i) => ({ ...i, indirectPartnerId: 'f'.repeat(32) }),
    fresh: () => ({ xaccountId: `pg-matrix-${process.pid}-${next()}`, xaccountType }),
    applied: (i) => sim().partners.customers.created().filter((c) => c.xaccountId === i.xaccountId).length,
    bad: (i) => [{ ...i, accountName: 'abc' }, 'input.accountName'],
  },
  {
    mutation: 'sendVerificationCode', inputType: 'SendVerificationCodeInput', write: 'SendVerificationMessageCode',
    calls: { SendVerificationMessageCode: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({ mobilePhone: `1390${String(next()).padStart(7, '0')}`, scene: 'REGISTRATION' }),
    applied: (i) => (stack.simulator.lastVerificationCode(String(i.mobilePhone)) ? 1 : 0),
    bad: (i) => [{ ...i, validMinutes: 0 }, 'input.validMinutes'],
    lost: 'unconfirmed',
  },
  {
    mutation: 'submitPersonalRealnameAuth', inputType: 'PersonalRealnameAuthInput', write: 'CreatePersonalRealnameAuth',
    calls: { ListSubCustomers: 1, ShowRealnameAuthenticationReviewResult: 1, CreatePersonalRealnameAuth: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({
      customerId: take(unverified, 'unauthenticated customer').customerId, method: 'CERTIFICATE', certificateType: 'PASSPORT',
      files: ['id/front.jpg', 'id/back.jpg', 'id/holding.png'], name: '张三', certificateNumber: 'E12345678', xaccountType,
    }),
    applied: (i) => (review(i.customerId) ? 1 : 0),
    bad: (i) => [{ ...i, files: ['a.jpg'] }, 'input.files'],
  },
  {
    mutation: 'submitEnterpriseRealnameAuth', inputType: 'EnterpriseRealnameAuthInput', write: 'CreateEnterpriseRealnameAuthentication',
    calls: { ListSubCustomers: 1, ShowRealnameAuthenticationReviewResult: 1, CreateEnterpriseRealnameAuthentication: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({
      customerId: take(unverified, 'unauthenticated customer').customerId, certificateType: 'BUSINESS_LICENCE', files: ['licence.pdf'],
      corpName: '示例科技有限公司', certificateNumber: '91110000MA01', regCountry: 'CN', xaccountType,
    }),
    applied: (i) => (review(i.customerId) ? 1 : 0),
    bad: (i) => [{ ...i, corpName: '12345' }, 'input.corpName'],
  },
  {
    mutation: 'changeEnterpriseRealnameAuth', inputType: 'EnterpriseRealnameAuthInput', write: 'ChangeEnterpriseRealnameAuthentication',
    calls: { ListSubCustomers: 1, ShowRealnameAuthenticationReviewResult: 1, ChangeEnterpriseRealnameAuthentication: 1 }, reseller: 'FORBIDDEN',
    fresh: () => ({
      customerId: take(individuals, 'authenticated individual').customerId, files: ['licence.pdf', 'legal-front.jpg', 'legal-back.jpg'],
      corpName: '示例贸易有限公司', certificateNumber: '91110000MA02', xaccountType, legalPerson: { name: '王五', idNumber: '110101198001011234', isCertifier: true },
    }),
    applied: (i) => (review(i.customerId)?.result === 0 ? 1 : 0),
    bad: (i) => [{ ...i, regCountry: 'China' }, 'input.regCountry'],
  },
  {
    mutation: 'cancelOrder', inputType: 'CancelOrderInput', write: 'CancelCustomerOrder',
    calls: { ListCustomerOrders: 2, CancelCustomerOrder: 1 }, reseller: 'NOT_FOUND',
    fresh: (side = 'partner') => ({ orderId: take(pools[side].pendingOrders, 'pending order').orderId }),
    applied: (i) => (sim().commerce.order(String(i.orderId))!.status === 4 ? 1 : 0),
    bad: () => [{ orderId: '' }, 'input.orderId'],
  },
  {
    mutation: 'payOrder', inputType: 'PayOrderInput', write: 'PayOrders',
    calls: { ListCustomerOrders: 2, PayOrders: 1 }, reseller: 'NOT_FOUND',
    fresh: (side = 'partner') => ({ orderId: take(pools[side].pendingOrders, 'pending order').orderId }),
    applied: (i) => (sim().commerce.order(String(i.orderId))!.status === 5 ? 1 : 0),
    bad: (i) => [{ ...i, orderId: 'C'.repeat(65) }, 'input.orderId'],
  },
  {
    mutation: 'renewResources', inputType: 'RenewResourcesInput', write: 'RenewalResources',
    calls: { ListSubCustomers: 1, RenewalResources: 1, ListPayPerUseCustomerResources: 1, ListCustomerOrders: 1 }, reseller: 'NOT_FOUND',
    fresh: (side) => ({ ...resourceInput(side), periodUnit: 'MONTH', periodCount: 1 }),
    applied: (i) => sim().commerce.ordersOf(String(i.customerId)).filter((o) => o.orderType === 2 && o.resourceIds.includes((i.resourceIds as string[])[0]!)).length,
    bad: (i) => [{ ...i, periodCount: 12 }, 'input.periodCount'],
  },
  {
    mutation: 'unsubscribeResources', inputType: 'UnsubscribeResourcesInput', write: 'CancelResourcesSubscription',
    calls: { ListSubCustomers: 1, CancelResourcesSubscription: 1, ListPayPerUseCustomerResources: 1, ListCustomerOrders: 1 }, reseller: 'NOT_FOUND',
    fresh: (side) => ({ ...resourceInput(side), scope: 'RESOURCE_AND_RENEWALS', reasonType: 'OTHER' }),
    applied: (i) => sim().commerce.ordersOf(String(i.customerId)).filter((o) => o.orderType === 4 && o.resourceIds.includes((i.resourceIds as string[])[0]!)).length,
    bad: (i) => [{ ...i, resourceIds: [] }, 'input.resourceIds'],
  },
  {
    mutation: 'convertResourcesToOnDemand', inputType: 'ConvertResourcesToOnDemandInput', write: 'UpdatePeriodToOnDemand',
    calls: { ListSubCustomers: 1, UpdatePeriodToOnDemand: 1, ListPayPerUseCustomerResources: 1 }, reseller: 'NOT_FOUND',
    fresh: (side) => ({ ...resourceInput(side), action: 'SET_UP' }),
    applied: (i) => (resource(i).expirePolicy === 1 ? 1 : 0),
    bad: (i) => [{ ...i, resourceIds: [] }, 'input.resourceIds'],
  },
  {
    mutation: 'enableAutoRenewal', inputType: 'AutoRenewalInput', write: 'AutoRenewalResources',
    calls: { ListSubCustomers: 1, AutoRenewalResources: 1, ListPayPerUseCustomerResources: 1 }, reseller: 'NOT_FOUND',
    fresh: (side) => {
      const { customerId, resourceIds } = resourceInput(side);
      return { customerId, resourceId: resourceIds[0] };
    },
    applied: (i) => (resource(i).expirePolicy === 3 ? 1 : 0),
    bad: (i) => [{ ...i, times: 100 }, 'input.times'],
  },
  {
    mutation: 'disableAutoRenewal', inputType: 'DisableAutoRenewalInput', write: 'CancelAutoRenewalResources',
    calls: { ListSubCustomers: 1, CancelAutoRenewalResources: 1, ListPayPerUseCustomerResources: 1 }, reseller: 'NOT_FOUND',
    async fresh(side = 'partner') {
      const { customerId, resourceIds } = resourceInput(side);
      await write(side, `mutation ($c: String!, $r: String!) { enableAutoRenewal(input: { customerId: $c, resourceId: $r }) { replayed } }`, { c: customerId, r: resourceIds[0] });
      return { customerId, resourceId: resourceIds[0] };
    },
    applied: (i) => (resource(i).expirePolicy === 3 ? 0 : 1),
    bad: (i) => [{ ...i, resourceId: '' }, 'input.resourceId'],
  },
  {
    mutation: 'setResourcesRenewal', inputType: 'SetResourcesRenewalInput', write: 'SetResourcesRenewConfig',
    calls: { ListSubCustomers: 1, SetResourcesRenewConfig: 1 }, reseller: 'NOT_FOUND',
    fresh: (side = 'partner') => ({ customerId: take(pools[side].tokenCustomers, 'customer with an agency'), setting: 'DEDUCTION_DATE', value: 4 }),
    applied: (i) => (sim().commerce.book(String(i.customerId))?.renewConfig.get('DEDUCTION_DATE') === '4' ? 1 : 0),
    bad: (i) => [{ ...i, value: 1 }, 'input.value'],
    lost: 'unknown',
  },
];

beforeAll(async () => {
  // The world is deterministic for a seed: built alone first, it names the reseller key's reseller.
  // (one whose customers with an agency have pending orders to cancel and pay).
  const world0 = new World({ seed: 42, customers: 300, now: TEST_NOW });
  resellerOfKey = world0.resellers.find((r) => world0.customersOf(r.indirectPartnerId)
    .filter((c) => c.associationType === '2' && c.agency !== null && c.isFrozen === 0)
    .flatMap((c) => world0.inventoryOf(c.customerId).orders.filter((o) => o.status === 6)).length >= 2)!.indirectPartnerId;
  stack = await startStack({
    customers: 300,
    store: 'memory',
    apiKeys: [
      { name: 'matrix-admin', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'matrix-analyst', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
      { name: 'matrix-reseller', role: 'reseller', indirectPartnerId: resellerOfKey, sha256: sha256Hex(KEYS.reseller) },
    ],
  });
  const { world, commerce, partners } = sim();
  xaccountType = world.partner.xaccountType;
  const now = TEST_NOW.getTime();
  const cash = (customerId: string) => new Decimal(simCustomerCash(stack, customerId));
  reseller = world.resellers.find((r) => r.indirectPartnerId !== resellerOfKey && new Decimal(simScopeCash(stack, r.indirectPartnerId)).gte(1000))!.indirectPartnerId;
  const usableQuota = (limitsFree: boolean) => partners.coupons.quotas().find(
    (q) => q.owner === null && q.quotaType === 0 && q.status === 0 && q.expireTime > TEST_NOW && q.effectiveTime < TEST_NOW && q.balance.gte(300) && (!limitsFree || q.limits.length === 0),
  )!.quotaId;
  quotaId = usableQuota(false);
  unverified = world.customersOf(null).filter((c) => c.verifiedStatus === '-1');
  individuals = world.customersOf(null).filter((c) => c.verifiedStatus === '2' && c.customerType === 0 && partners.realname.verification(c, world.now).review?.result !== 0);

  // The reseller key's side: its account funded, a voucher quota of its own, and cash for its customers to pay with.
  const partnerCouponQuota = usableQuota(true);
  const child = await write('partner', `mutation ($k: String!, $q: String!, $r: String!) {
    allocateResellerCouponQuota(input: { quotaId: $q, indirectPartnerIds: [$r], amount: "100.00", idempotencyKey: $k }) { allocated { quota { quotaId } } } }`,
  { k: newKey('setup'), q: partnerCouponQuota, r: resellerOfKey });
  const sides: [Side, string | null, string][] = [['partner', null, partnerCouponQuota], ['reseller', resellerOfKey, child.allocateResellerCouponQuota.allocated[0].quota.quotaId]];
  const built: Partial<Record<Side, Pools>> = {};
  for (const [side, scope, couponQuotaId] of sides) {
    const resale = world.customersOf(scope).filter((c) => c.associationType === '2');
    const withAgency = resale.filter((c) => c.agency !== null && c.isFrozen === 0);
    if (scope) {
      // What its customers need: cash to move back, and to pay their pending orders (funded through the reseller).
      const needs = new Map<string, Decimal>([[resale[0]!.customerId, new Decimal(300)]]);
      for (const c of withAgency) {
        for (const o of commerce.ordersOf(c.customerId).filter((x) => x.status === 6 && x.parentOrderId === null)) {
          needs.set(c.customerId, (needs.get(c.customerId) ?? new Decimal(0)).plus(o.amountAfterDiscount).plus(1));
        }
      }
      const total = [...needs.values()].reduce((a, b) => a.plus(b), new Decimal(0));
      await stack.bss.call(UpdateIndirectPartnerAccount, { body: { indirect_partner_id: scope, amount: total.plus(1000).toFixed(2) } });
      for (const [customerId, need] of needs) {
        await stack.bss.call(UpdateCustomerAccountAmount, { body: { customer_id: customerId, amount: need.toFixed(2), indirect_partner_id: scope } });
      }
    }
    const fundsCustomer = resale.find((c) => cash(c.customerId).gte(scope ? 300 : 1000))!.customerId;
    const pendingOrders = withAgency.flatMap((c) => commerce.ordersOf(c.customerId)
      .filter((o) => o.status === 6 && o.parentOrderId === null && cash(c.customerId).gte(o.amountAfterDiscount))
      .map((o) => ({ orderId: o.orderId, customerId: c.customerId })));
    const resources = withAgency.flatMap((c) => {
      const unpaid = new Set(commerce.ordersOf(c.customerId).filter((o) => o.status === 6).flatMap((o) => o.resourceIds));
      return commerce.resourcesOf(c.customerId).filter((r) =>
        r.chargeMode === 1 && r.provisioned && r.parentResourceId === null && r.closedAt === null && r.expireAt !== null &&
        r.expireAt.getTime() > now + 86_400_000 && !unpaid.has(r.resourceId) && r.expirePolicy === 0);
    });
    built[side] = { fundsCustomer, couponQuotaId, couponCustomer: resale[1]!.customerId, pendingOrders, resources, tokenCustomers: withAgency.map((c) => c.customerId) };
  }
  pools = built as Record<Side, Pools>;
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

describe.each(CASES)('$mutation', (c) => {
  it('two concurrent requests with one key: one write, applied once; a third replays with 0 calls; the audit rows', async () => {
    const input = await c.fresh();
    const before = c.applied(input);
    const key = newKey(c.mutation);
    stack.bss.counter.reset();
    const [a, b] = await Promise.all([run(c, { ...input, idempotencyKey: key }), run(c, { ...input, idempotencyKey: key })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(withoutToken()).toEqual(c.calls);
    expect(c.applied(input)).toBe(before + 1);
    expect([a.data[c.mutation].replayed, b.data[c.mutation].replayed].sort()).toEqual([false, true]);
    stack.bss.counter.reset();
    const again = await run(c, { ...input, idempotencyKey: key });
    expect(again.data[c.mutation]).toMatchObject({ replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(c.applied(input)).toBe(before + 1);
    const rows = await auditOf(stack, key);
    expect(rows.map((r) => r.outcome).sort()).toEqual(['applied', 'attempted', 'replayed', 'replayed']);
    for (const row of rows) expect(row).toMatchObject({ operation: c.mutation, apiKeyName: 'matrix-admin', idempotencyKey: key });
    expect(rows.find((r) => r.outcome === 'applied')!.detail).toMatchObject({ upstream: c.write, how: 'sent', settled: true });
  });

  it('an analyst key: FORBIDDEN; bad input: BAD_USER_INPUT naming the field; neither makes a call', async () => {
    const input = await c.fresh();
    const before = c.applied(input);
    stack.bss.counter.reset();
    expect(codes(await run(c, { ...input, idempotencyKey: newKey() }, KEYS.analyst))).toEqual(['FORBIDDEN']);
    const [bad, field] = c.bad(input);
    const refused = await run(c, { ...bad, idempotencyKey: newKey() });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions.argument).toBe(field);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(c.applied(input)).toBe(before);
  });

  it('a reseller key, outside its subtree: refused, the write never sent', async () => {
    const input = await c.fresh();
    const before = c.applied(input);
    stack.bss.counter.reset();
    const res = await run(c, { ...(c.outside ? c.outside(input) : input), idempotencyKey: newKey() }, KEYS.reseller);
    expect(codes(res)).toEqual([c.reseller]);
    expect(requests(stack)[c.write]).toBeUndefined();
    expect(c.applied(input)).toBe(before);
  });

  // Writes a reseller key may make at all (admin-only ones are refused above, whatever their target).
  if (c.reseller === 'NOT_FOUND' || c.outside) it('a reseller key inside its subtree: applied once, in its scope', async () => {
    const input = await c.fresh('reseller');
    const before = c.applied(input);
    stack.bss.counter.reset();
    const res = await run(c, { ...input, idempotencyKey: newKey(`${c.mutation}-reseller`) }, KEYS.reseller);
    expect(res.errors).toBeUndefined();
    expect(res.data[c.mutation]).toMatchObject({ replayed: false });
    expect(requests(stack)[c.write]).toBe(1);
    expect(c.applied(input)).toBe(before + 1);
    if (c.mutation === 'createCustomer') expect(sim().partners.customers.created().find((x) => x.xaccountId === input.xaccountId)!.indirectPartnerId).toBe(resellerOfKey);
  });

  it('the answer lost after the write applied: found from the upstream\'s records, applied once', async () => {
    const input = await c.fresh();
    const before = c.applied(input);
    const key = newKey(`${c.mutation}-lost-after`);
    stack.simulator.faults.once(c.write, 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await run(c, { ...input, idempotencyKey: key });
    expect(stack.simulator.faults.pending()).toEqual({});
    expect(requests(stack)[c.write]).toBe(1);
    expect(c.applied(input)).toBe(before + 1);
    const lost = c.lost ?? 'reconciled';
    if (lost === 'unknown') {
      // Nothing to read back: the key is held, and asking again only answers the same, with no write.
      expect(codes(res)).toEqual(['OUTCOME_UNKNOWN']);
      stack.bss.counter.reset();
      expect(codes(await run(c, { ...input, idempotencyKey: key }))).toEqual(['OUTCOME_UNKNOWN']);
      expect(requests(stack)[c.write]).toBeUndefined();
      return;
    }
    expect(res.errors).toBeUndefined();
    // A code's sending has no record to find: applied, but reported unconfirmed.
    expect(res.data[c.mutation]).toEqual(lost === 'unconfirmed' ? { replayed: false, confirmed: false } : { replayed: false });
    stack.bss.counter.reset();
    expect((await run(c, { ...input, idempotencyKey: key })).data[c.mutation]).toMatchObject({ replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(c.applied(input)).toBe(before + 1);
    expect((await auditOf(stack, key)).map((r) => [r.outcome, r.detail.how ?? null])).toEqual([['attempted', null], ['applied', 'reconciled'], ['replayed', null]]);
  });

  it('the answer lost before the write applied: not applied, retryable; the same key then applies it once', async () => {
    const input = await c.fresh();
    const before = c.applied(input);
    const key = newKey(`${c.mutation}-lost-before`);
    stack.simulator.faults.once(c.write, 'reset-before-apply');
    const res = await run(c, { ...input, idempotencyKey: key });
    expect(stack.simulator.faults.pending()).toEqual({});
    expect(c.applied(input)).toBe(before);
    const lost = c.lost ?? 'reconciled';
    if (lost === 'unknown') {
      // Whether it applied cannot be told: the key is held rather than guessed free.
      expect(codes(res)).toEqual(['OUTCOME_UNKNOWN']);
      return;
    }
    if (lost === 'unconfirmed') {
      // No record says whether a code went out: reported sent but unconfirmed, never resent on our own.
      expect(res.data[c.mutation]).toEqual({ replayed: false, confirmed: false });
      return;
    }
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: c.write });
    stack.bss.counter.reset();
    const retry = await run(c, { ...input, idempotencyKey: key });
    expect(retry.errors).toBeUndefined();
    expect(retry.data[c.mutation]).toMatchObject({ replayed: false });
    expect(requests(stack)[c.write]).toBe(1);
    expect(c.applied(input)).toBe(before + 1);
    expect((await auditOf(stack, key)).map((r) => r.outcome)).toEqual(['attempted', 'not_applied', 'attempted', 'applied']);
  });
});
