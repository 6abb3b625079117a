/**
 * Fund transfers (§1.3, §1.4, §2.8, §2.9) as every read shows them: both balances, both ledgers, and the adjust
 * log under the transfer id the write returned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCustomerAccountChangeRecords, ListCustomersBalancesDetail, ListPartnerAccountChangeRecords, ListPartnerAdjustRecords, ListPartnerBalances,
  ReclaimIndirectPartnerAccount, ReclaimToPartnerAccount, ShowCustomerAccountBalances, UpdateCustomerAccountAmount, UpdateIndirectPartnerAccount,
} from '../../../src/bss/operations/partners/index.js';
import { customersOf, dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

/** The scope's cash (account type 1) as ListPartnerBalances shows it. */
async function scopeCash(indirectPartnerId?: string) {
  const res = await h.client.call(ListPartnerBalances, indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {});
  return dec(res.account_balances!.find((b) => b.account_type === 1)!.amount);
}

async function customerCash(customerId: string, indirectPartnerId?: string) {
  const partnerView = await h.client.call(ListCustomersBalancesDetail, {
    body: { customer_infos: [{ customer_id: customerId }], ...(indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {}) },
  });
  const own = await h.client.call(ShowCustomerAccountBalances, {}, { customerId });
  const fromPartner = dec(partnerView.customer_balances![0]!.amount);
  // The partner's view and the customer's own view never disagree.
  expect(dec(own.account_balances!.find((b) => b.account_type === 1)!.amount).toFixed(2)).toBe(fromPartner.toFixed(2));
  return fromPartner;
}

async function scopeLedgerHead(indirectPartnerId?: string) {
  const res = await h.client.call(ListPartnerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', limit: 1, ...(indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {}) });
  return res.records![0]!;
}

async function customerLedgerHead(customerId: string) {
  const res = await h.client.call(ListCustomerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', limit: 1 }, { customerId });
  return res.records![0]!;
}

async function adjustRecord(transId: string, indirectPartnerId?: string) {
  const res = await h.client.call(ListPartnerAdjustRecords, { trans_id: transId, ...(indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {}) });
  expect(res.total_count).toBe(1);
  return res.records![0]!;
}

describe('customer funds', () => {
  it.each([
    ['the distributor', undefined as string | undefined],
    ['a reseller', 'reseller'],
  ])('UpdateCustomerAccountAmount then ReclaimToPartnerAccount, paid by %s: balances, ledgers and the adjust log', async (_label, which) => {
    const scope = which ? h.sim.state.world.resellers.find((r) => customersOf(h, r.indirectPartnerId).length > 0)!.indirectPartnerId : undefined;
    const customer = customersOf(h, scope ?? null)[0]!;
    const id = customer.customerId;
    const [scopeBefore, customerBefore] = [await scopeCash(scope), await customerCash(id, scope)];

    const { transfer_id } = await h.client.call(UpdateCustomerAccountAmount, { body: { customer_id: id, amount: '12.34', ...(scope ? { indirect_partner_id: scope } : {}) } });
    expect(transfer_id).toMatch(/^AD\d{12}[0-9a-f]{6}$/);
    expect((await scopeCash(scope)).toFixed(2)).toBe(scopeBefore.minus('12.34').toFixed(2));
    expect((await customerCash(id, scope)).toFixed(2)).toBe(customerBefore.plus('12.34').toFixed(2));
    expect(await adjustRecord(transfer_id!, scope)).toMatchObject({ customer_id: id, operation_type: 'SOURCE_OPERATION_BEADJUST', amount: '12.34', trans_id: transfer_id, currency: 'CNY' });
    expect(await scopeLedgerHead(scope)).toMatchObject({
      trade_detail_type: 'SOURCE_OPERATION_BEADJUST', trade_id: transfer_id, change_amount: '12.34', type: '2', customer_id: id,
      balance_after_change: scopeBefore.minus('12.34').toFixed(2),
    });
    expect(await customerLedgerHead(id)).toMatchObject({
      trade_detail_type: 'SOURCE_OPERATION_BEADJUST', trade_id: transfer_id, change_amount: '12.34', revenue_expense_type: 'REVENUE',
      balance_after_change: customerBefore.plus('12.34').toFixed(2),
    });

    const { trans_id } = await h.client.call(ReclaimToPartnerAccount, { body: { customer_id: id, amount: '2.30', ...(scope ? { indirect_partner_id: scope } : {}) } });
    expect(trans_id).toMatch(/^RE\d{12}[0-9a-f]{6}$/);
    expect((await scopeCash(scope)).toFixed(2)).toBe(scopeBefore.minus('10.04').toFixed(2));
    expect((await customerCash(id, scope)).toFixed(2)).toBe(customerBefore.plus('10.04').toFixed(2));
    expect(await adjustRecord(trans_id!, scope)).toMatchObject({ customer_id: id, operation_type: 'SOURCE_OPERATION_BERETRIEVE', amount: '2.30', trans_id });
    expect(await scopeLedgerHead(scope)).toMatchObject({ trade_detail_type: 'SOURCE_OPERATION_BERETRIEVE', trade_id: trans_id, change_amount: '2.30', type: '1' });
    expect(await customerLedgerHead(id)).toMatchObject({ trade_detail_type: 'SOURCE_OPERATION_BERETRIEVE', trade_id: trans_id, change_amount: '2.30', revenue_expense_type: 'EXPENSE' });
    // The customer's own records, by customer id, newest first.
    const byCustomer = await h.client.call(ListPartnerAdjustRecords, { customer_id: id, limit: 2, ...(scope ? { indirect_partner_id: scope } : {}) });
    expect(byCustomer.records!.map((r) => r.trans_id)).toEqual([trans_id, transfer_id]);
  });
});

describe('reseller funds', () => {
  it('UpdateIndirectPartnerAccount then ReclaimIndirectPartnerAccount: both balances, both ledgers, the adjust log', async () => {
    const reseller = h.sim.state.world.resellers[0]!.indirectPartnerId;
    const [distributorBefore, resellerBefore] = [await scopeCash(), await scopeCash(reseller)];

    const { transfer_id } = await h.client.call(UpdateIndirectPartnerAccount, { body: { indirect_partner_id: reseller, amount: '100.05' } });
    expect(transfer_id).toMatch(/^AD\d{12}[0-9a-f]{6}$/);
    expect((await scopeCash()).toFixed(2)).toBe(distributorBefore.minus('100.05').toFixed(2));
    expect((await scopeCash(reseller)).toFixed(2)).toBe(resellerBefore.plus('100.05').toFixed(2));
    expect(await adjustRecord(transfer_id!)).toMatchObject({ customer_id: reseller, operation_type: 'SOURCE_OPERATION_BEADJUST', amount: '100.05', trans_id: transfer_id });
    expect(await scopeLedgerHead()).toMatchObject({ trade_id: transfer_id, change_amount: '100.05', type: '2', customer_id: reseller, balance_after_change: distributorBefore.minus('100.05').toFixed(2) });
    expect(await scopeLedgerHead(reseller)).toMatchObject({ trade_id: transfer_id, change_amount: '100.05', type: '1', balance_after_change: resellerBefore.plus('100.05').toFixed(2) });

    const { trans_id } = await h.client.call(ReclaimIndirectPartnerAccount, { body: { indirect_partner_id: reseller, amount: '0.05' } });
    expect(trans_id).toMatch(/^RE\d{12}[0-9a-f]{6}$/);
    expect((await scopeCash()).toFixed(2)).toBe(distributorBefore.minus('100.00').toFixed(2));
    expect((await scopeCash(reseller)).toFixed(2)).toBe(resellerBefore.plus('100.00').toFixed(2));
    expect(await adjustRecord(trans_id!)).toMatchObject({ customer_id: reseller, operation_type: 'SOURCE_OPERATION_BERETRIEVE', amount: '0.05', trans_id });
    expect(await scopeLedgerHead()).toMatchObject({ trade_id: trans_id, change_amount: '0.05', type: '1' });
    expect(await scopeLedgerHead(reseller)).toMatchObject({ trade_id: trans_id, change_amount: '0.05', type: '2' });
  });
});
