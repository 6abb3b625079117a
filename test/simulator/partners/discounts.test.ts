/** Retired §2.14: `/v2/partners/discounts`, served from the last SDK shape. */
import { describe, expect, it } from 'vitest';
import { testState } from '../../support/sim-request.js';
import { call, customers, paramError } from './helpers.js';

const WINDOW = { effective_time: '2026-12-01T00:00:00Z', expire_time: '2027-12-01T00:00:00Z' };

describe('BatchSetSubCustomerDiscount / ListSubCustomerDiscounts (retired §2.14)', () => {
  it('sets, reads and deletes (discount 1) a unified discount; foreign customers fail per item', async () => {
    const s = testState();
    const mine = customers(s, null, '2')[0]!.customerId;
    const foreign = customers(s, s.world.resellers[0]!.indirectPartnerId, '2')[0]!.customerId;
    expect(await call(s, 'ListSubCustomerDiscounts', { query: { customer_id: mine } })).toEqual({ status: 200, body: { sub_customer_discount: null } });
    const set = await call(s, 'BatchSetSubCustomerDiscount', { body: { sub_customer_discounts: [{ customer_id: mine, discount: 0.85, ...WINDOW }, { customer_id: foreign, discount: '0.9', ...WINDOW }] } });
    expect(set).toEqual({
      status: 200, body: { error_details: [{ error_code: 'CBC.99000035', error_msg: 'The customer is not a sub-customer of the partner.', id: foreign }] },
    });
    const read = await call(s, 'ListSubCustomerDiscounts', { query: { customer_id: mine } });
    expect(read.body.sub_customer_discount).toEqual({ discount_id: expect.stringMatching(/^[0-9a-f]{32}$/), discount: '0.85', ...WINDOW });
    expect((await call(s, 'BatchSetSubCustomerDiscount', { body: { sub_customer_discounts: [{ customer_id: mine, discount: 1 }] } })).body).toEqual({ error_details: [] });
    expect((await call(s, 'ListSubCustomerDiscounts', { query: { customer_id: mine } })).body).toEqual({ sub_customer_discount: null });
    const theirs = await call(s, 'BatchSetSubCustomerDiscount', { body: { indirect_partner_id: s.world.resellers[0]!.indirectPartnerId, sub_customer_discounts: [{ customer_id: foreign, discount: 0.8, ...WINDOW }] } });
    expect(theirs.body.error_details).toEqual([]);
    expect(await call(s, 'ListSubCustomerDiscounts', { query: { customer_id: foreign } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000035', error_msg: 'The customer is not a sub-customer of the partner.' },
    });
  });

  it('validates', async () => {
    const s = testState();
    const id = customers(s, null, '2')[0]!.customerId;
    const set = (items: unknown[]) => call(s, 'BatchSetSubCustomerDiscount', { body: { sub_customer_discounts: items } });
    expect(await set([{ customer_id: id, discount: 0.79, ...WINDOW }])).toEqual(paramError('sub_customer_discounts[0].discount', 'must be between 0.8 and 1'));
    expect(await set([{ customer_id: id, discount: 0.855, ...WINDOW }])).toEqual(paramError('sub_customer_discounts[0].discount', 'must have at most 2 decimal places'));
    expect(await set([{ customer_id: id, discount: 0.9 }])).toEqual(paramError('sub_customer_discounts[0].effective_time', 'is required unless discount is 1'));
    expect(await set([{ discount: 0.9, ...WINDOW }])).toEqual(paramError('sub_customer_discounts[0].customer_id', 'is required'));
    expect(await set(Array.from({ length: 11 }, () => ({ customer_id: id, discount: 1 })))).toEqual(paramError('sub_customer_discounts', 'must have at most 10 items'));
    expect(await call(s, 'ListSubCustomerDiscounts', { query: {} })).toEqual(paramError('customer_id', 'is required'));
  });
});
