/**
 * Code lists of orders and resources: every known code maps to its named value, and a code the schema does
 * not know yet answers UNKNOWN (with the raw code beside it) instead of failing the query. The simulator
 * only emits known codes, so unknown ones are fed through the schema with stub loaders.
 */
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { DEFAULT_LIMITS } from '../../../src/context.js';
import { OPEN_CALLER } from '../../../src/auth/caller.js';
import { ReferenceCache } from '../../../src/caches/reference-cache.js';
import { createLoaders } from '../../../src/loaders/index.js';
import type { OrderShape } from '../../../src/sources/orders.js';
import type { OnDemandResourceShape, PeriodResourceShape } from '../../../src/sources/resources.js';
import {
  onDemandResourceStatus, onDemandStatusCodes, periodResourceStatus, periodStatusCodes,
} from '../../../src/schema/commerce-enums.js';
import { schema } from '../../../src/schema/index.js';
import { globalId } from './helpers.js';

const order: OrderShape = {
  orderId: 'CS2601010000ABCDE', indirectPartnerId: null, customerId: 'c1', serviceTypeCode: null, serviceTypeName: null,
  sourceType: 42, status: 99, orderType: 77, amountAfterDiscount: new Money('-0.10'), officialAmount: new Money('12.3'), measureId: 1,
  createdAt: new Date('2026-01-01T00:00:00Z'), paidAt: null, currency: 'CNY', contractId: null,
  amountInfo: {
    discounts: [{ typeCode: '999', amount: new Money('1') }, { typeCode: '607', amount: new Money('0.00097222') }, { typeCode: null, amount: null }],
    flexiPurchaseCouponAmount: null, couponAmount: null, storedCardAmount: null, commissionAmount: null, consumedAmount: null,
  },
  enterpriseProjects: [], agentPay: null, details: { createdBy: null, paymentDeadline: null }, subOrders: [], parentOrderId: null,
};

const base = {
  customerId: 'c1', indirectPartnerId: null, name: null, regionCode: null, serviceTypeCode: null, serviceTypeName: null,
  resourceTypeCode: null, resourceTypeName: null, effectiveTime: null, expireTime: null,
  spec: { code: null, description: null, size: null, sizeMeasureId: null },
};
const period: PeriodResourceShape = {
  ...base, kind: 'period', resourceId: 'r1', statusCode: 42, instanceId: null, projectId: null, productId: null, parentResourceId: 'p1',
  isMainResource: false, expirePolicy: 9, updateTime: null, enterpriseProject: null,
};
const onDemand: OnDemandResourceShape = { ...base, kind: 'onDemand', resourceId: 'r2', statusCode: 0, availabilityZone: null, resourceInfo: null };

function run(source: string, variables?: Record<string, unknown>) {
  const loaders = {
    order: { load: async () => order },
    periodResource: { load: async () => period },
    onDemandResource: { load: async () => onDemand },
  };
  const contextValue = {
    loaders, limits: DEFAULT_LIMITS, language: 'zh_CN', partnerDomainId: 'p', reference: new ReferenceCache({ ttlMs: 1000 }), bss: {},
    caller: OPEN_CALLER,
  };
  return graphql({ schema, source, contextValue, variableValues: variables });
}

describe('order and resource code lists', () => {
  it('answers UNKNOWN with the raw code for codes the schema does not know', async () => {
    const result = await run(`{ order(orderId: "CS2601010000ABCDE") {
      status statusCode orderType orderTypeCode sourceType sourceTypeCode officialAmount amountAfterDiscount
      amountBreakdown { discounts { type typeCode amount } }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.order).toEqual({
      status: 'UNKNOWN', statusCode: 99, orderType: 'UNKNOWN', orderTypeCode: 77, sourceType: 'UNKNOWN', sourceTypeCode: 42,
      officialAmount: '12.30', amountAfterDiscount: '-0.10',
      amountBreakdown: {
        discounts: [
          { type: 'UNKNOWN', typeCode: '999', amount: '1.00' },
          { type: 'PARTNER_AUTHORISED_DISCOUNT', typeCode: '607', amount: '0.00097222' },
          { type: 'UNKNOWN', typeCode: null, amount: null },
        ],
      },
    });
  });

  it('answers UNKNOWN for resource statuses and expiry policies outside E10, E11 and E12', async () => {
    const result = await run(`query ($a: ID!, $b: ID!) {
      a: node(id: $a) { ... on PeriodResource { status statusCode expirePolicy expirePolicyCode autoRenew chargeMode } }
      b: node(id: $b) { ... on OnDemandResource { status statusCode chargeMode } }
    }`, { a: globalId('PeriodResource', 'c1:r1'), b: globalId('OnDemandResource', 'c1:r2') });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      a: { status: 'UNKNOWN', statusCode: 42, expirePolicy: 'UNKNOWN', expirePolicyCode: 9, autoRenew: false, chargeMode: 'YEARLY_MONTHLY' },
      b: { status: 'UNKNOWN', statusCode: 0, chargeMode: 'ON_DEMAND' },
    });
  });

  it('maps the two resource status lists onto one enum, and back for filters', () => {
    expect([2, 3, 4, 5].map(periodResourceStatus)).toEqual(['IN_USE', 'CLOSED', 'FROZEN', 'EXPIRED']);
    expect([1, 2, 3, 4, 5, 6].map(onDemandResourceStatus)).toEqual(['IN_USE', 'GRACE_PERIOD', 'FROZEN', 'CHANGING', 'CLOSING', 'CLOSED']);
    // The same number means different things in the two lists (bss-api-commerce.md §0.8).
    expect(periodResourceStatus(3)).toBe('CLOSED');
    expect(onDemandResourceStatus(3)).toBe('FROZEN');
    expect(periodResourceStatus(1)).toBe('UNKNOWN');
    expect(periodStatusCodes('FROZEN')).toEqual([4]);
    expect(onDemandStatusCodes('FROZEN')).toEqual([3]);
    expect(periodStatusCodes('GRACE_PERIOD')).toEqual([]);
    expect(onDemandStatusCodes('EXPIRED')).toEqual([]);
  });

  it('sends the order-type filter as the string the upstream expects', async () => {
    const requests: unknown[] = [];
    const bss = {
      call: async (_op: unknown, req: unknown) => {
        requests.push(req);
        return { total_count: 0, order_infos: [] };
      },
    };
    // Real loaders over the stub client: list pages go through the request's `readOnce`.
    const contextValue = {
      loaders: createLoaders({ bss: bss as never, language: 'zh_CN', partnerDomainId: 'p' }), limits: DEFAULT_LIMITS, language: 'zh_CN', partnerDomainId: 'p', reference: new ReferenceCache({ ttlMs: 1000 }), bss, caller: OPEN_CALLER,
    };
    const result = await graphql({
      schema,
      source: '{ partner { orders(first: 2, orderType: UNSUBSCRIPTION, status: PENDING_PAYMENT, sort: CREATED_OLDEST_FIRST, createdFrom: "2026-01-01T00:00:00.000Z") { totalCount } } }',
      contextValue,
    });
    expect(result.errors).toBeUndefined();
    expect(requests).toEqual([{ order_type: '4', status: 6, order_by: 'createTime', create_time_begin: '2026-01-01T00:00:00Z', offset: 0, limit: 2 }]);
  });
});
