/**
 * Whole-world properties: determinism, order independence of lazy generation, every balance chain, the
 * two sides of every transfer, quota accounting, and a 20,000-customer world answering without
 * generating every customer's history.
 */
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { CouponBook } from '../../../src/simulator/dataset/partners/coupons.js';
import type { LedgerEntry } from '../../../src/simulator/dataset/partners/funds.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { asCustomer, call, customers } from './helpers.js';

type State = ReturnType<typeof testState>;

/** A battery of reads across the endpoint group, as a client would see them. */
async function snapshot(s: State): Promise<unknown[]> {
  const resale = customers(s, null, '2').map((c) => c.customerId);
  const reseller = s.world.resellers[0]!.indirectPartnerId;
  return Promise.all([
    call(s, 'ListIndirectPartners', { body: {} }),
    call(s, 'ListPartnerBalances'),
    call(s, 'ListPartnerBalances', { query: { indirect_partner_id: reseller } }),
    call(s, 'ListPartnerAdjustRecords', { query: { limit: 100 } }),
    call(s, 'ListPartnerAccountChangeRecords', { query: { balance_type: 'BALANCE_TYPE_DEBIT', limit: 100 } }),
    call(s, 'ListQuotaCoupons', { body: {} }),
    call(s, 'ListIssuedCouponQuotas', { query: { limit: 100 } }),
    call(s, 'ListCouponQuotasRecords', { query: { limit: 100 } }),
    call(s, 'ListSubCustomers', { body: { limit: 100 } }),
    call(s, 'ListSubCustomerNewTag', { body: { limit: 200 } }),
    call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: resale.map((customer_id) => ({ customer_id })) } }),
    asCustomer(s, 'ShowCustomerAccountBalances', resale[0]!),
    asCustomer(s, 'ListCustomerAccountChangeRecords', resale[0]!, { query: { balance_type: 'BALANCE_TYPE_DEBIT', limit: 100 } }),
    call(s, 'ListIssuedPartnerCoupons', { query: { limit: 100 } }),
    call(s, 'ListPartnerCouponsRecord', { query: { limit: 100 } }),
    call(s, 'ListSubCustomerCoupons', { query: { limit: 100 } }),
    asCustomer(s, 'ListSubCustomerCoupons', resale[0]!, { query: { limit: 100 } }),
    asCustomer(s, 'ListCustomerCouponChangeRecords', resale[0]!, { query: { balance_type: 'BALANCE_TYPE_COUPON', limit: 100 } }),
    call(s, 'ShowRealnameAuthenticationReviewResult', { query: { customer_id: customers(s, null)[0]!.customerId } }),
  ]);
}

/** The same writes, in the same order. */
async function writes(s: State): Promise<unknown[]> {
  const c = customers(s, null, '2')[0]!.customerId;
  const quota = s.partners.coupons.quotas().find((q) => q.owner === null && q.quotaType === 0 && CouponBook.quotaStatus(q, TEST_NOW) === 0)!;
  return [
    await call(s, 'CreateSubCustomer', { body: { xaccount_id: 'w1', xaccount_type: s.world.partner.xaccountType } }),
    await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: c, amount: 5 } }),
    await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: c, amount: 1e12 } }),
    await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: c, amount: 2 } }),
    await call(s, 'UpdateCouponQuotas', { body: { quota_id: quota.quotaId, indirect_partner_ids: [s.world.resellers[0]!.indirectPartnerId], quota_amount: 10 } }),
    await call(s, 'CreatePartnerCoupons', { body: { quota_id: quota.quotaId, customer_ids: [c], face_value: 3 } }),
  ];
}

function checkChain(ledger: readonly LedgerEntry[], final: Money): void {
  let balance = new Money(0);
  for (const e of ledger) {
    balance = e.income ? balance.plus(e.amount) : balance.minus(e.amount);
    expect(e.balanceAfter.eq(balance)).toBe(true);
    expect(balance.gte(0)).toBe(true);
  }
  expect(balance.eq(final)).toBe(true);
}

describe('determinism', () => {
  it('answers identically for the same seed, whatever is read first', async () => {
    const a = testState(200);
    const b = testState(200);
    // b reads customers before the partner-level data that a reads first.
    const resale = customers(b, null, '2');
    for (const c of resale.slice(0, 30)) b.partners.funds.customerAccount(c);
    b.partners.coupons.heldByCustomer(resale[0]!);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect(await writes(b)).toEqual(await writes(a));
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('differs for another seed', async () => {
    const a = await snapshot(testState(200, 7));
    const b = await snapshot(testState(200, 8));
    for (const i of [1, 3, 5, 13]) expect(b[i]).not.toEqual(a[i]);
  });

  it('keeps its golden values for seed 7', async () => {
    const s = testState();
    expect((await call(s, 'ListPartnerBalances')).body.account_balances[0]).toEqual({
      account_id: '6afcc44e822b3bb18b75b45075311df0', account_type: 1, amount: '1634865.71', currency: 'CNY', designated_amount: '4600.00', measure_id: 1,
    });
    expect((await call(s, 'ListQuotaCoupons', { body: { quota_status_list: [0] } })).body.quotas[0].quota_id).toBe('QT2601191200006CNETZ');
  });
});

describe('consistency of the generated world', () => {
  it('chains every ledger to its balance, and shows every transfer on both sides', () => {
    const s = testState(300);
    const funds = s.partners.funds;
    const partnerSide = new Map<string, string>();
    for (const scope of [null, ...s.world.resellers.map((r) => r.indirectPartnerId)]) {
      const account = funds.scopeAccount(scope);
      checkChain(account.ledger, account.cash);
      for (const e of account.ledger) {
        if (e.detailType === 'SOURCE_OPERATION_BEADJUST' || e.detailType === 'SOURCE_OPERATION_BERETRIEVE') {
          partnerSide.set(`${e.tradeId}:${scope ?? 'd'}:${e.income}`, e.amount.toFixed(2));
        }
      }
      for (const t of account.transfers) expect(account.ledger.some((e) => e.tradeId === t.transId && e.amount.eq(t.amount))).toBe(true);
    }
    let transfers = 0;
    for (const c of s.world.customers) {
      const account = funds.customerAccount(c);
      checkChain(account.ledger, account.cash);
      for (const e of account.ledger.filter((x) => x.detailType === 'SOURCE_OPERATION_BEADJUST' || x.detailType === 'SOURCE_OPERATION_BERETRIEVE')) {
        // An allocation is the customer's income and its partner's expense, and the reverse for a reclaim.
        expect(partnerSide.get(`${e.tradeId}:${c.indirectPartnerId ?? 'd'}:${!e.income}`)).toBe(e.amount.toFixed(2));
        transfers++;
      }
      if (c.associationType === '1') expect(account.ledger.some((e) => e.detailType === 'SOURCE_OPERATION_BEADJUST')).toBe(false);
    }
    expect(transfers).toBeGreaterThan(100);
  });

  it('accounts for every yuan of the quota tree', () => {
    const s = testState(600);
    const book = s.partners.coupons;
    for (const q of book.quotas()) {
      const coupons = book.issuedCoupons().filter((c) => c.quotaId === q.quotaId);
      const couponsNet = coupons.reduce((sum, c) => (c.reclaimedAt ? sum : sum.plus(c.faceValue)), new Money(0));
      const children = book.quotas().filter((x) => x.parentQuotaId === q.quotaId);
      const childrenNet = children.reduce((sum, child) => {
        const returned = book.quotaRecords().filter((r) => r.quotaId === child.quotaId && r.operationType === '11').reduce((t, r) => t.plus(r.amount), new Money(0));
        return sum.plus(child.value).minus(returned);
      }, new Money(0));
      // A reclaimed reseller quota also gave its remainder back to its parent.
      const returnedUp = book.quotaRecords().filter((r) => r.quotaId === q.quotaId && r.operationType === '11').reduce((t, r) => t.plus(r.amount), new Money(0));
      expect(q.value.minus(q.balance).toFixed(2)).toBe(couponsNet.plus(childrenNet).plus(returnedUp).toFixed(2));
      expect(q.balance.gte(0)).toBe(true);
    }
    for (const c of book.issuedCoupons()) {
      const last = c.events[c.events.length - 1]!;
      expect(last.balanceAfter.eq(c.balance)).toBe(true);
    }
  });
});

describe('a 20,000-customer world', () => {
  it('answers customer-level calls without generating every history, and partner-level ones too', async () => {
    const s = testState(20_000, 3);
    const resale = customers(s, null, '2').slice(0, 100).map((c) => c.customerId);
    const balances = await call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: resale.map((customer_id) => ({ customer_id })) } });
    expect(balances.body.customer_balances).toHaveLength(100);
    const found = await call(s, 'ListSubCustomers', { body: { customer_id: s.world.customers[19_999]!.customerId, indirect_partner_id: s.world.customers[19_999]!.indirectPartnerId ?? undefined } });
    expect(found.body.count).toBe(1);
    const reseller = s.world.resellers[7]!.indirectPartnerId;
    expect((await call(s, 'ListPartnerBalances', { query: { indirect_partner_id: reseller } })).body.account_balances).toHaveLength(2);
    // Reading a reseller needs only its own customers' transfer plans.
    const planned = (s.partners.funds as unknown as { plans: Map<string, unknown> }).plans.size;
    expect(planned).toBeLessThan(1_000);
    const partner = await call(s, 'ListPartnerBalances');
    expect(partner.body.account_balances).toHaveLength(4);
    const ledger = await call(s, 'ListPartnerAccountChangeRecords', { query: { balance_type: 'BALANCE_TYPE_DEBIT', limit: 1 } });
    expect(ledger.body.records[0].balance_after_change).toBe(partner.body.account_balances[0].amount);
    expect(ledger.body.total_count).toBeGreaterThan(10_000);
  }, 30_000);
});
