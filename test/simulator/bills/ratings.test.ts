/** 4.12 ListOnDemandResourceRatings, 4.13 ListRateOnPeriodDetail, 4.14 ListRenewRateOnPeriod. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ListOnDemandResourceRatings, ListRateOnPeriodDetail, ListRenewRateOnPeriod, ListSubCustomerBillDetail } from '../../../src/bss/operations/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { testState } from '../../support/sim-request.js';
import { call, callAs, customerAt, paramError, type Json } from './helpers.js';

let state: SimState;
beforeAll(() => {
  state = testState();
});

const vmHour = { id: 'vm', cloud_service_type: 'hws.service.type.ec2', resource_type: 'hws.resource.type.vm', resource_spec: 's6.large.2.linux', region: 'cn-north-4', usage_factor: 'Duration', usage_value: 1, usage_measure_id: 4, subscription_num: 1 };
const onDemand = (c: CustomerRecord | null, body: unknown) => (c ? callAs(state, c, ListOnDemandResourceRatings, { body }) : call(state, ListOnDemandResourceRatings, { body }));
const period = (c: CustomerRecord | null, body: unknown) => (c ? callAs(state, c, ListRateOnPeriodDetail, { body }) : call(state, ListRateOnPeriodDetail, { body }));
const renew = (c: CustomerRecord, body: unknown) => callAs(state, c, ListRenewRateOnPeriod, { body });
const products = (...items: unknown[]) => ({ project_id: 'project-1', product_infos: items });
const notFound = { status: 400, body: { error_code: 'CBC.99006006', error_msg: 'The product does not exist.' } };

describe('4.12 ListOnDemandResourceRatings', () => {
  it('quotes list price, the customer\'s discount and the final price per item and in total', async () => {
    const res = await onDemand(customerAt(state, 9), products(vmHour, {
      id: 'disk', cloud_service_type: 'hws.service.type.ebs', resource_type: 'hws.resource.type.volume', resource_spec: 'SSD', region: 'cn-east-3',
      resource_size: 100, size_measure_id: 17, usage_factor: 'diskSize', usage_value: 30, usage_measure_id: 5, subscription_num: 2,
    }));
    expect(res).toEqual({
      status: 200,
      body: {
        amount: '0.5915', discount_amount: '0.065722', official_website_amount: '0.657222', measure_id: 1, currency: 'CNY',
        product_rating_results: [
          {
            id: 'vm', product_id: 'OFFI326710397018693992', amount: '0.504', discount_amount: '0.056', official_website_amount: '0.56', measure_id: 1,
            discount_rating_results: [{ discount_id: 'DSC681D787512FC69E17994', discount_type: 607, amount: '0.056', measure_id: 1, discount_name: '伙伴设置折扣' }],
          },
          {
            // 30 minutes of 100 GB, twice: 100 GB-hours at 0.00097222.
            id: 'disk', product_id: 'OFFI825327687297030351', amount: '0.0875', discount_amount: '0.009722', official_website_amount: '0.097222', measure_id: 1,
            discount_rating_results: [{ discount_id: 'DSC681D787512FC69E17994', discount_type: 607, amount: '0.009722', measure_id: 1, discount_name: '伙伴设置折扣' }],
          },
        ],
      },
    });
  });

  it('quotes an hour exactly as the bill for that hour charges it', async () => {
    const customer = customerAt(state, 9);
    const bill = await call(state, ListSubCustomerBillDetail, { query: { bill_cycle: '2026-10', customer_id: customer.customerId, limit: 1 } });
    const record = bill.body.fee_records[0];
    expect(record).toMatchObject({ resource_type_code: 'hws.resource.type.elb', usage_amount: 1, payment_amount: '0.09000000', official_amount: '0.10000000' });
    const quote = await onDemand(customer, products({
      id: 'elb', cloud_service_type: record.service_type_code, resource_type: record.resource_type_code, resource_spec: 'shared', region: record.region_code,
      usage_factor: record.usage_type, usage_value: 1, usage_measure_id: record.usage_measure_id, subscription_num: 1,
    }));
    expect(quote.body).toMatchObject({ amount: '0.09', official_website_amount: '0.1', product_rating_results: [{ product_id: record.product_id }] });
  });

  it('keeps 6 decimals, or 10 with inquiry_precision 1', async () => {
    const fn = { id: 'fn', cloud_service_type: 'hws.service.type.functiongraph', resource_type: 'hws.resource.type.fgs', resource_spec: 'default', region: 'cn-north-4', usage_factor: 'reqNumber', usage_value: 3, usage_measure_id: 20, subscription_num: 1 };
    expect((await onDemand(null, products(fn))).body.official_website_amount).toBe('0.000004');
    expect((await onDemand(null, { ...products(fn), inquiry_precision: 1 })).body.official_website_amount).toBe('0.00000399');
    // 10,000 requests in the "10,000 times" unit: converted through the conversion table.
    expect((await onDemand(null, products({ ...fn, usage_value: '1.5', usage_measure_id: 21 }))).body.official_website_amount).toBe('0.01995');
  });

  it('prices at list with the partner\'s own credentials, and with the commercial discount when a customer has one', async () => {
    const partner = await onDemand(null, products(vmHour));
    expect(partner.body).toMatchObject({ amount: '0.56', discount_amount: 0, official_website_amount: '0.56' });
    expect(partner.body.product_rating_results[0].discount_rating_results).toEqual([]);
    // Customer 26 has a 10 % commercial and a 10 % partner discount: "the commercial discount's result is returned".
    const both = await onDemand(customerAt(state, 26), products(vmHour));
    expect(both.body.product_rating_results[0].discount_rating_results).toMatchObject([{ discount_type: 605, amount: '0.056' }]);
  });

  it('refuses unknown products, billing factors and units with the pricing codes', async () => {
    const customer = customerAt(state, 9);
    expect(await onDemand(customer, products({ ...vmHour, resource_spec: 'x1.huge' }))).toEqual(notFound);
    expect(await onDemand(customer, products({ ...vmHour, region: 'mars-1' }))).toEqual(notFound);
    expect(await onDemand(customer, products({ ...vmHour, cloud_service_type: 'hws.service.type.rds' }))).toEqual(notFound);
    expect(await onDemand(customer, products({ ...vmHour, resource_type: 'hws.resource.type.waf', cloud_service_type: 'hws.service.type.waf', resource_spec: 'waf.standard' }))).toEqual(notFound);
    expect(await onDemand(customer, products({ ...vmHour, usage_factor: 'upflow' }))).toEqual({ status: 400, body: { error_code: 'CBC.99006074', error_msg: 'The billing factor does not exist.' } });
    expect(await onDemand(customer, products({ ...vmHour, usage_factor: 'duration' }))).toMatchObject({ status: 200 });
    expect(await onDemand(customer, products({ ...vmHour, usage_measure_id: 10 }))).toEqual({ status: 400, body: { error_code: 'CBC.99006050', error_msg: 'The usage unit is incorrect.' } });
  });

  it('rejects bad parameters', async () => {
    const customer = customerAt(state, 9);
    const disk = { ...vmHour, cloud_service_type: 'hws.service.type.ebs', resource_type: 'hws.resource.type.volume', resource_spec: 'SSD', usage_factor: 'diskSize' };
    expect(await onDemand(customer, products(disk))).toEqual(paramError('Parameter error: resource_size is required for a linear product.'));
    expect(await onDemand(customer, products({ ...disk, resource_size: 40, size_measure_id: 15 }))).toEqual(paramError('Parameter error: size_measure_id must be 17 for this product.'));
    expect(await onDemand(customer, products(vmHour, vmHour))).toEqual(paramError('Parameter error: product_infos.id must be unique within the request.'));
    expect(await onDemand(customer, products(...Array.from({ length: 101 }, (_, i) => ({ ...vmHour, id: `p${i}` }))))).toEqual(paramError('Parameter error: product_infos must have 1 to 100 items.'));
    expect(await onDemand(customer, products())).toEqual(paramError('Parameter error: product_infos must have 1 to 100 items.'));
    expect(await onDemand(customer, { product_infos: [vmHour] })).toEqual(paramError('Parameter error: project_id is required.'));
    expect(await onDemand(customer, { ...products(vmHour), inquiry_precision: 2 })).toEqual(paramError('Parameter error: inquiry_precision must be one of 0, 1.'));
    expect(await onDemand(customer, products({ ...vmHour, usage_value: '-1' }))).toEqual(paramError('Parameter error: usage_value must be a non-negative decimal.'));
    expect(await onDemand(customer, products({ ...vmHour, subscription_num: 0 }))).toEqual(paramError('Parameter error: subscription_num must be between 1 and 1000000.'));
    const { usage_factor: _omitted, ...noFactor } = vmHour;
    expect(await onDemand(customer, products(noFactor))).toEqual(paramError('Parameter error: usage_factor is required.'));
  });
});

describe('4.13 ListRateOnPeriodDetail', () => {
  const vmYear = { id: 'vm', cloud_service_type: 'hws.service.type.ec2', resource_type: 'hws.resource.type.vm', resource_spec: 's6.large.2.linux', region: 'cn-north-4', period_type: 3, period_num: 1, subscription_num: 1 };

  it('quotes the list price (a year is ten months) and one result per optional discount, the best one marked', async () => {
    expect((await period(customerAt(state, 9), products(vmYear))).body).toEqual({
      official_website_rating_result: {
        official_website_amount: 2880, measure_id: 1,
        product_rating_results: [{ id: 'vm', product_id: 'OFFI192189144817254599', official_website_amount: 2880, measure_id: 1 }],
      },
      optional_discount_rating_results: [{
        discount_id: 'DSC681D787512FC69E17994', amount: 2592, official_website_amount: 2880, discount_amount: 288, measure_id: 1, discount_type: 607,
        discount_name: '伙伴设置折扣', best_offer: 1,
        product_rating_results: [{ id: 'vm', product_id: 'OFFI192189144817254599', amount: 2592, official_website_amount: 2880, discount_amount: 288, measure_id: 1 }],
      }],
      currency: 'CNY',
    });
  });

  it('marks the larger saving best, the commercial discount on a tie; none without discounts', async () => {
    const tie = await period(customerAt(state, 26), products(vmYear));
    expect(tie.body.optional_discount_rating_results.map((d: Json) => [d.discount_type, d.discount_amount, d.best_offer])).toEqual([[605, 288, 1], [607, 288, 0]]);
    const partnerBetter = await period(customerAt(state, 2), products(vmYear));
    expect(partnerBetter.body.optional_discount_rating_results.map((d: Json) => [d.discount_type, d.discount_amount, d.best_offer])).toEqual([[607, 432, 1], [605, 288, 0]]);
    expect((await period(null, products(vmYear))).body).not.toHaveProperty('optional_discount_rating_results');
  });

  it('prices months, days and hours, times the quantity', async () => {
    const quote = async (over: Record<string, number>) => (await period(null, products({ ...vmYear, ...over }))).body.official_website_rating_result.official_website_amount;
    expect(await quote({ period_type: 2, period_num: 3, subscription_num: 2 })).toBe(1728);
    expect(await quote({ period_type: 0, period_num: 3 })).toBe('28.8');
    expect(await quote({ period_type: 4, period_num: 10 })).toBe(4);
  });

  it('rejects what cannot be bought yearly/monthly and bad periods', async () => {
    const obs = { ...vmYear, cloud_service_type: 'hws.service.type.obs', resource_type: 'hws.resource.type.obs', resource_spec: 'standard' };
    expect(await period(null, products(obs))).toEqual(notFound);
    expect(await period(null, products({ ...vmYear, period_type: 1 }))).toEqual(paramError('Parameter error: period_type must be one of 0, 2, 3, 4.'));
    expect(await period(null, products({ ...vmYear, period_num: 0 }))).toEqual(paramError('Parameter error: period_num must be between 1 and 1000.'));
    expect(await period(null, products({ ...vmYear, fee_installment_mode: 'MONTHLY' }))).toEqual(paramError('Parameter error: fee_installment_mode must be one of HALF_PAY, ZERO_PAY, NA.'));
  });
});

describe('4.14 ListRenewRateOnPeriod', () => {
  it('prices renewals as the renewal order would be priced, and reports what cannot be renewed per resource', async () => {
    const customer = customerAt(state, 9);
    const res = await renew(customer, {
      resource_ids: ['45d1152a-9bda-40eb-89bd-81d3901b5b64', 'c9298eda-f517-4823-a6e0-65bab65f9520', 'nope'], period_type: 3, period_num: 1,
    });
    expect(res.body).toEqual({
      currency: 'CNY',
      renew_inquiry_results: [{ resource_id: '45d1152a-9bda-40eb-89bd-81d3901b5b64', amount: '200.00' }],
      official_website_rating_result: { official_website_amount: '200.00' },
      optional_discount_rating_results: [{
        discount_id: 'DSC681D787512FC69E17994', amount: '180.00', official_website_amount: '200.00', discount_amount: '20.00', discount_type: 607,
        discount_name: '伙伴设置折扣', best_offer: 1,
      }],
      fail_resource_infos: [
        { error_code: 'CBC.30050009', error_msg: 'The resource has been deleted.', resource_id: 'c9298eda-f517-4823-a6e0-65bab65f9520' },
        { error_code: 'CBC.99003012', error_msg: 'The resource does not exist.', resource_id: 'nope' },
      ],
    });
  });

  it('adds the attached resources when asked, and refuses an attached resource on its own', async () => {
    const { customer, main, children } = (() => {
      for (const c of state.world.customers) {
        const book = state.commerce.book(c.customerId)!;
        for (const r of book.resources) {
          const kids = book.resources.filter((k) => k.parentResourceId === r.resourceId && k.provisioned && !k.closedAt);
          if (r.chargeMode === 1 && !r.closedAt && r.expireAt! > state.world.now && kids.length === 2) return { customer: c, main: r, children: kids };
        }
      }
      throw new Error('no VM group in the test world');
    })();
    const alone = await renew(customer, { resource_ids: [main.resourceId], period_type: 2, period_num: 1 });
    const group = await renew(customer, { resource_ids: [main.resourceId], period_type: 2, period_num: 1, include_relative_resources: true });
    const monthly = (code: string) => Number(state.world.inventoryOf(customer.customerId).resources.find((r) => r.resourceType.code === code)!.resourceType.monthlyPrice);
    expect(alone.body.renew_inquiry_results).toEqual([{ resource_id: main.resourceId, amount: monthly(main.resourceType.code).toFixed(2) }]);
    const total = [main, ...children].reduce((acc, r) => acc + Number(r.resourceType.monthlyPrice), 0);
    expect(group.body.renew_inquiry_results).toEqual([{ resource_id: main.resourceId, amount: total.toFixed(2) }]);
    const child = await renew(customer, { resource_ids: [children[0]!.resourceId], period_type: 2, period_num: 1 });
    expect(child.body.fail_resource_infos).toEqual([{ error_code: 'CBC.30050007', error_msg: 'The resource is not a main resource.', resource_id: children[0]!.resourceId }]);
    expect(child.body.optional_discount_rating_results).toEqual([]);
  });

  it('rejects bad parameters, duplicates and partner credentials', async () => {
    const customer = customerAt(state, 9);
    const id = '45d1152a-9bda-40eb-89bd-81d3901b5b64';
    expect(await renew(customer, { resource_ids: [id, id], period_type: 2, period_num: 1 })).toEqual({ status: 400, body: { error_code: 'CBC.30050012', error_msg: 'Duplicate resource IDs.' } });
    expect(await renew(customer, { resource_ids: [id], period_type: 2, period_num: 12 })).toEqual(paramError('Parameter error: period_num must be between 1 and 11.'));
    expect(await renew(customer, { resource_ids: [id], period_type: 3, period_num: 4 })).toEqual(paramError('Parameter error: period_num must be between 1 and 3.'));
    expect(await renew(customer, { resource_ids: [id], period_type: 1, period_num: 1 })).toEqual(paramError('Parameter error: period_type must be one of 2, 3.'));
    expect(await renew(customer, { resource_ids: Array.from({ length: 11 }, (_, i) => `r${i}`), period_type: 2, period_num: 1 })).toEqual(paramError('Parameter error: resource_ids must have 1 to 10 items.'));
    expect(await renew(customer, { resource_ids: [id], period_type: 2, period_num: 1, include_relative_resources: 'yes' })).toEqual(paramError('Parameter error: include_relative_resources must be true or false.'));
    expect(await call(state, ListRenewRateOnPeriod, { body: { resource_ids: [id], period_type: 2, period_num: 1 } })).toEqual({ status: 403, body: { error_code: 'CBC.0151', error_msg: 'Access denied.' } });
  });
});
