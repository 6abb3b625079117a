/** Consumption records for store tests: every field set the way the resolvers' mapping sets it. */
import { Decimal } from 'decimal.js';
import type { StoredConsumptionRecord } from '../../src/store/index.js';

export function record(fields: Partial<StoredConsumptionRecord> & Pick<StoredConsumptionRecord, 'id' | 'cycle' | 'customerId'>): StoredConsumptionRecord {
  return {
    indirectPartnerId: null,
    associationType: '2',
    serviceTypeCode: 'hws.service.type.ec2',
    serviceTypeName: 'Elastic Cloud Server',
    resourceTypeCode: 'hws.resource.type.vm',
    resourceTypeName: 'VM',
    chargeModeCode: 3,
    billTypeCode: 5,
    tradeId: null,
    tradeTime: new Date('2026-10-03T04:05:06.000Z'),
    consumeTime: new Date('2026-10-03T03:00:00.000Z'),
    resourceId: 'res-1',
    resourceName: 'web-1',
    resourceTag: null,
    productSpecDescription: 's6.large.2 | 2vCPUs | 4GiB',
    regionCode: 'cn-north-4',
    regionName: 'CN North-Beijing4',
    productId: 'OFFI001',
    productName: 'ECS',
    usageTypeCode: 'duration',
    usageAmount: new Decimal('3600'),
    usageMeasureId: 4,
    freeResourceUsage: null,
    freeResourceMeasureId: null,
    reservedInstanceUsage: null,
    reservedInstanceMeasureId: null,
    officialAmount: new Decimal('1.20000000'),
    discountAmount: new Decimal('0.20000000'),
    paymentAmount: new Decimal('1.00000000'),
    cashAmount: new Decimal('1.00000000'),
    creditAmount: null,
    couponAmount: new Decimal('0'),
    flexiPurchaseCouponAmount: null,
    storedValueCardAmount: null,
    debtAmount: new Decimal('0'),
    writeoffAmount: null,
    periodTypeCode: null,
    periodNum: null,
    accountManagerId: null,
    partnerId: null,
    subServiceTypeCode: null,
    subServiceTypeName: null,
    subResourceTypeCode: null,
    subResourceTypeName: null,
    subResourceId: null,
    subResourceName: null,
    ...fields,
  };
}

/** A small deterministic generator (tests must not depend on Math.random). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

/** An amount with exactly 8 decimals, up to `max` in whole units, negative with probability `negative`. */
export function amount(random: () => number, max: number, negative = 0): Decimal {
  const units = Math.floor(random() * max);
  const fraction = String(Math.floor(random() * 1e8)).padStart(8, '0');
  return new Decimal(`${random() < negative ? '-' : ''}${units}.${fraction}`);
}
