/**
 * Enum mapping: each wire code list maps onto its enum; a code the schema does not know yet resolves to
 * UNKNOWN with the raw code beside it instead of failing the query; UNKNOWN is refused as a filter.
 * Runs the real schema on a stub context whose loaders return records with codes Huawei might add.
 */
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type GraphQLContext } from '../../../src/context.js';
import { OPEN_CALLER } from '../../../src/auth/caller.js';
import { Money } from '../../../src/bss/money.js';
import type { CouponShape } from '../../../src/sources/coupons.js';
import type { CustomerShape, NewCustomerTagShape } from '../../../src/sources/customers.js';
import {
  accountTradeDetailType, associationType, couponQuotaStatus, couponStatus, couponTradeDetailType, customerType, directionFromRevenueExpense,
  directionFromType, newCustomerTagValue, UNKNOWN_NUMBER, UNKNOWN_TEXT, verificationStatus,
} from '../../../src/schema/partner-enums.js';
import { schema } from '../../../src/schema/index.js';
import { globalId } from './support.js';

const customer = (codes: Partial<CustomerShape>): CustomerShape => ({
  customerId: 'c1', accountName: 'acme01', name: null, associationType: '2', associatedOn: null, label: null, telephone: null, countryCode: null, email: null,
  verifiedStatus: '2', customerType: 1, isFrozen: 0, customerLevel: 'V3', accountManagers: [], xaccountId: null, xaccountType: null, indirectPartnerId: null, ...codes,
});

const coupon = (codes: Partial<CouponShape>): CouponShape => ({
  couponId: 'CP1', status: 2, customerId: null, couponType: 1, measureId: 1, faceValue: new Money('10.5'), balance: new Money('3'), effectiveTime: null,
  expireTime: null, activeTime: null, lastUsedTime: null, createTime: null, orderId: null, lockOrderId: null, promotionPlanId: null, promotionPlanName: null,
  promotionPlanDescription: null, promotionId: null, mediaType: 1, fetchMethod: 3, useLimits: [], isFrozen: '0', indirectPartnerId: null, ...codes,
});

/** A context with only the loaders these queries touch; anything else (an upstream call) would throw. */
function stubContext(c: CustomerShape, tag: NewCustomerTagShape | null, cp: CouponShape): GraphQLContext {
  return {
    partnerDomainId: 'p0',
    caller: OPEN_CALLER,
    language: 'zh_CN',
    limits: DEFAULT_LIMITS,
    loaders: {
      customer: { load: async () => c },
      newCustomerTag: { load: async () => tag },
      coupon: { load: async () => cp },
    },
  } as unknown as GraphQLContext;
}

const CUSTOMER_ENUMS = `associationType associationTypeCode verificationStatus verificationStatusCode customerType customerTypeCode
  frozenState frozenStateCode level levelCode newCustomerTag { tag tagCode }`;
const COUPON_ENUMS = `... on Coupon { status statusCode couponType couponTypeCode mediaType mediaTypeCode fetchMethod fetchMethodCode frozen faceValue balance }`;

async function run(c: CustomerShape, tag: NewCustomerTagShape | null, cp: CouponShape) {
  return graphql({
    schema,
    source: `query($id: ID!) { customer(customerId: "c1") { ${CUSTOMER_ENUMS} } node(id: $id) { ${COUPON_ENUMS} } }`,
    variableValues: { id: globalId('Coupon', 'CP1') },
    contextValue: stubContext(c, tag, cp),
  });
}

const tag = (code: string): NewCustomerTagShape => ({ customerId: 'c1', tagType: 'SMB', tag: code, effectiveMonth: null, expireMonth: null });

describe('enum mapping', () => {
  it('maps known codes to names that say what they mean', async () => {
    const result = await run(customer({ associationType: '1', verifiedStatus: '-1', customerType: -1, isFrozen: 2, customerLevel: 'V0' }), tag(''), coupon({ status: 5, couponType: 4, mediaType: 2, fetchMethod: 5, isFrozen: '1' }));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      customer: {
        associationType: 'CONSULTATIVE_SALES', associationTypeCode: '1', verificationStatus: 'NOT_VERIFIED', verificationStatusCode: '-1',
        customerType: 'NOT_SET', customerTypeCode: -1, frozenState: 'ACCOUNT_AND_RESOURCES_FROZEN', frozenStateCode: 2, level: 'V0', levelCode: 'V0',
        newCustomerTag: { tag: 'NONE', tagCode: '' },
      },
      node: {
        status: 'RECLAIMED', statusCode: 5, couponType: 'CASH_COUPON', couponTypeCode: 4, mediaType: 'PAPER', mediaTypeCode: 2, fetchMethod: 'EVENT_GIFT',
        fetchMethodCode: 5, frozen: true, faceValue: '10.50', balance: '3.00',
      },
    });
  });

  it('resolves codes it does not know to UNKNOWN, keeps the raw code, and answers the rest', async () => {
    const result = await run(
      customer({ associationType: '3', verifiedStatus: '9', customerType: 7, isFrozen: 4, customerLevel: 'V9' }),
      tag('MAYBE'),
      coupon({ status: 11, couponType: 9, mediaType: 3, fetchMethod: 12 }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      customer: {
        associationType: 'UNKNOWN', associationTypeCode: '3', verificationStatus: 'UNKNOWN', verificationStatusCode: '9', customerType: 'UNKNOWN',
        customerTypeCode: 7, frozenState: 'UNKNOWN', frozenStateCode: 4, level: 'UNKNOWN', levelCode: 'V9', newCustomerTag: { tag: 'UNKNOWN', tagCode: 'MAYBE' },
      },
      node: {
        status: 'UNKNOWN', statusCode: 11, couponType: 'UNKNOWN', couponTypeCode: 9, mediaType: 'UNKNOWN', mediaTypeCode: 3, fetchMethod: 'UNKNOWN',
        fetchMethodCode: 12, frozen: false, faceValue: '10.50', balance: '3.00',
      },
    });
  });

  it('maps absent codes to UNKNOWN and null raw codes', async () => {
    const result = await run(customer({ associationType: null, verifiedStatus: null, customerType: null, isFrozen: null, customerLevel: null }), null, coupon({ status: null, couponType: null, isFrozen: null }));
    expect(result.errors).toBeUndefined();
    expect(result.data!.customer).toMatchObject({ associationType: 'UNKNOWN', associationTypeCode: null, customerType: 'UNKNOWN', customerTypeCode: null, newCustomerTag: null });
    expect(result.data!.node).toMatchObject({ status: 'UNKNOWN', statusCode: null, frozen: null });
  });

  it('keeps each code list apart: one idea, different lists on different endpoints', () => {
    // The ledger direction is `type` "1"/"2" on the partner ledger, REVENUE/EXPENSE on the customer ledgers.
    expect([directionFromType('1'), directionFromType('2'), directionFromType('REVENUE')]).toEqual(['INCOME', 'EXPENSE', UNKNOWN_TEXT]);
    expect([directionFromRevenueExpense('REVENUE'), directionFromRevenueExpense('EXPENSE'), directionFromRevenueExpense('1')]).toEqual(['INCOME', 'EXPENSE', UNKNOWN_TEXT]);
    // Quota status 6 (reclaimed) is a quota code; coupon statuses stop at 5.
    expect([couponQuotaStatus(6), couponStatus(6)]).toEqual([6, UNKNOWN_NUMBER]);
    // The coupon ledger knows savings plans; the account ledger list does not, and knows recharges the coupon list does not.
    expect([couponTradeDetailType('SOURCE_OPERAIION_SAVINGS_PLANS'), accountTradeDetailType('SOURCE_OPERAIION_SAVINGS_PLANS')]).toEqual(['SOURCE_OPERAIION_SAVINGS_PLANS', UNKNOWN_TEXT]);
    expect([accountTradeDetailType('SOURCE_OPERAIION_RECHARGE'), couponTradeDetailType('SOURCE_OPERAIION_RECHARGE')]).toEqual(['SOURCE_OPERAIION_RECHARGE', UNKNOWN_TEXT]);
    // Huawei's misspellings are the codes: the corrected spelling is not one of them.
    expect([accountTradeDetailType('SOURCE_OPERATIION_RIDEDUCT'), accountTradeDetailType('SOURCE_OPERATION_RIDEDUCT')]).toEqual(['SOURCE_OPERATIION_RIDEDUCT', UNKNOWN_TEXT]);
    // Customer type -1 is a real code ("no type yet"), distinct from UNKNOWN; so is the empty tag.
    expect([customerType(-1), customerType(3)]).toEqual([-1, UNKNOWN_NUMBER]);
    expect([newCustomerTagValue(''), newCustomerTagValue(undefined)]).toEqual(['', UNKNOWN_TEXT]);
    expect([associationType('2'), verificationStatus('2')]).toEqual(['2', '2']);
  });

  it('refuses UNKNOWN as a filter before calling upstream', async () => {
    const result = await graphql({
      schema,
      source: '{ partner { domainId customers(associationType: UNKNOWN) { totalCount } issuedCoupons(status: UNKNOWN) { totalCount } } }',
      contextValue: stubContext(customer({}), null, coupon({})),
    });
    expect(result.data).toEqual({ partner: { domainId: 'p0', customers: null, issuedCoupons: null } });
    expect(result.errors!.map((e) => ({ path: e.path, code: e.extensions['code'], argument: e.extensions['argument'] }))).toEqual([
      { path: ['partner', 'customers'], code: 'BAD_USER_INPUT', argument: 'associationType' },
      { path: ['partner', 'issuedCoupons'], code: 'BAD_USER_INPUT', argument: 'status' },
    ]);
  });
});
