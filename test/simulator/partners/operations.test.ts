import { describe, expect, it } from 'vitest';
import * as partners from '../../../src/bss/operations/partners/index.js';
import { allOperations } from '../../../src/bss/operations/index.js';
import { partnersHandlers } from '../../../src/simulator/handlers/partners/index.js';

const { partnerOperations, retiredPartnerOperations } = partners;

describe('partner operations', () => {
  it('are the 31 current operations plus the 2 retired ones, each with a handler', () => {
    expect(partnerOperations).toHaveLength(33);
    expect(retiredPartnerOperations.map((o) => o.name)).toEqual(['BatchSetSubCustomerDiscount', 'ListSubCustomerDiscounts']);
    expect(new Set(partnerOperations.map((o) => o.name)).size).toBe(33);
    expect(Object.keys(partnersHandlers).sort()).toEqual(partnerOperations.map((o) => o.name).sort());
    for (const op of partnerOperations) expect(allOperations).toContain(op);
  });

  it('re-exports every operation constant under its SDK name', () => {
    for (const op of partnerOperations) expect((partners as Record<string, unknown>)[op.name]).toBe(op);
  });

  it('routes by method and path uniquely, paths verbatim', () => {
    const routes = partnerOperations.map((o) => `${o.method} ${o.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).toContain('GET /v3/accounts/partner-accounts/adjust-records');
    expect(routes).toContain('PUT /v2/customers/realname-auths/enterprise');
    expect(routes).toContain('POST /v2/customers/realname-auths/enterprise');
    expect(routes).toContain('GET /v2/promotions/benefits/partner-coupons/records/query');
    expect(routes).toContain('POST /v2/bases/verificationcode/send');
  });

  it('marks the customer-only and either-caller endpoints', () => {
    const byCaller = (c: string) => partnerOperations.filter((o) => o.caller === c).map((o) => o.name).sort();
    expect(byCaller('customer')).toEqual(['ListCustomerAccountChangeRecords', 'ListCustomerCouponChangeRecords', 'ShowCustomerAccountBalances']);
    expect(byCaller('either')).toEqual(['ListSubCustomerCoupons']);
  });

  it('declares reads, writes, 204, paging and batches as the reference does', () => {
    expect(partners.ReclaimPartnerCoupons.successStatus).toBe(204);
    expect(partnerOperations.filter((o) => o.successStatus !== undefined).map((o) => o.name)).toEqual(['SendVerificationMessageCode', 'ReclaimPartnerCoupons']);
    expect(partnerOperations.filter((o) => o.kind === 'write').map((o) => o.name).sort()).toEqual([
      'BatchSetSubCustomerDiscount', 'ChangeEnterpriseRealnameAuthentication', 'CreateEnterpriseRealnameAuthentication', 'CreatePartnerCoupons',
      'CreatePersonalRealnameAuth', 'CreateSubCustomer', 'ReclaimCouponQuotas', 'ReclaimIndirectPartnerAccount', 'ReclaimPartnerCoupons',
      'ReclaimToPartnerAccount', 'SendVerificationMessageCode', 'UpdateCouponQuotas', 'UpdateCustomerAccountAmount', 'UpdateIndirectPartnerAccount',
    ]);
    expect(partners.ListSubCustomerNewTag.page).toEqual({ maxLimit: 200, countField: null, itemsField: 'new_customer_tags', in: 'body' });
    expect(partners.ListSubCustomers.page).toEqual({ maxLimit: 100, countField: 'count', itemsField: 'customer_infos', in: 'body' });
    expect(partners.ListSubCustomerCoupons.page).toEqual({ maxLimit: 100, countField: 'count', itemsField: 'user_coupons', in: 'query' });
    expect(partners.ListPartnerAdjustRecords.page?.countField).toBe('total_count');
    const batches = Object.fromEntries(partnerOperations.filter((o) => o.batch).map((o) => [o.name, o.batch]));
    expect(batches).toEqual({
      ListQuotaCoupons: { field: 'quota_ids', max: 50 },
      UpdateCouponQuotas: { field: 'indirect_partner_ids', max: 100 },
      ReclaimCouponQuotas: { field: 'quota_ids', max: 10 },
      ListSubCustomerNewTag: { field: 'customer_ids', max: 200 },
      ListCustomersBalancesDetail: { field: 'customer_infos', max: 100 },
      CreatePartnerCoupons: { field: 'customer_ids', max: 100 },
      ListPartnerCouponsRecord: { field: 'coupon_ids', max: 100 },
      BatchSetSubCustomerDiscount: { field: 'sub_customer_discounts', max: 10 },
    });
    expect(partners.ListPartnerCouponsRecord.query).toContain('coupon_ids');
    expect(partners.ShowCustomerAccountBalances.query).toBeUndefined();
  });
});
