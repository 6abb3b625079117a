/**
 * The consumption views beyond one customer's one cycle: ranges (`fromCycle`/`toCycle`) with a per-cycle
 * trend, every breakdown, partner-wide and reseller-wide views pulled across customers (exact totals over
 * thousands of 8-decimal records, call counts equal to `consumptionPullCallBound`), argument validation, and
 * usage conversion through the upstream conversions table. Expected values come from the BSS client's own raw
 * reads, summed with decimal.js here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ListConsumeSubCustomers, ListSubCustomerBillDetail,
  type SubCustomerMonthlyBillDetail,
} from '../../../src/bss/operations/bills/index.js';
import { ListIndirectPartners, ListSubCustomers } from '../../../src/bss/operations/partners/index.js';
import { Money } from '../../../src/bss/money.js';
import { ReferenceCache } from '../../../src/caches/reference-cache.js';
import { consumptionPullCallBound } from '../../../src/sources/consumption-pull.js';
import { conversionFactor, convertQuantity } from '../../../src/resolvers/usage-conversion.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { CHARGE_MODE, belowCustomer, data, dec, decSum, directCustomers, pick, recordCount, requests, warmReference } from './helpers.js';

const CYCLE = '2026-10';
const pages = (n: number) => Math.max(1, Math.ceil(n / 1000));

/** Exact sums of raw records grouped by a key, ordered as the graph orders them. */
function grouped<K extends string>(rows: readonly SubCustomerMonthlyBillDetail[], keyOf: (r: SubCustomerMonthlyBillDetail) => K, order?: (a: K, b: K) => number) {
  const keys = [...new Set(rows.map(keyOf))].sort(order);
  return keys.map((key) => {
    const group = rows.filter((r) => keyOf(r) === key);
    return { key, amount: decSum(group.map((r) => r.payment_amount)), officialAmount: decSum(group.map((r) => r.official_amount)), recordCount: group.length };
  });
}

describe('consumption views', () => {
  let stack: Stack;
  let heavy: CustomerRecord;
  /** The heavy customer's raw records per cycle of the range. */
  const RANGE = ['2026-08', '2026-09', '2026-10'];
  const raw = new Map<string, SubCustomerMonthlyBillDetail[]>();

  const rawRecords = async (customerId: string, cycle: string, indirectPartnerId: string | null) =>
    (await stack.bss.paginate(ListSubCustomerBillDetail, {
      bill_cycle: cycle, customer_id: customerId, ...(indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {}),
    })).items;

  beforeAll(async () => {
    stack = await startStack();
    heavy = pick(directCustomers(stack), 'direct customer with 2000+ records in a cycle', (c) => recordCount(stack, c, CYCLE) > 2000);
    for (const cycle of RANGE) raw.set(cycle, await rawRecords(heavy.customerId, cycle, null));
  });
  beforeEach(() => warmReference(stack));
  afterAll(async () => {
    await stack.close();
  });

  describe('a customer over a range of cycles', () => {
    it('sums every cycle exactly, with a per-cycle trend that adds up to the total, one walk per cycle', async () => {
      const { customer } = await data(stack, `query ($id: String!) { customer(customerId: $id) {
        consumption(fromCycle: "2026-08", toCycle: "2026-10") {
          cycle fromCycle toCycle total officialTotal discountTotal recordCount
          byCycle { cycle amount officialAmount recordCount }
          records(first: 3, after: null) { totalCount nodes { cycle recordId } }
        }
      } }`, { id: heavy.customerId });
      const all = RANGE.flatMap((c) => raw.get(c)!);
      expect(all.length).toBeGreaterThan(3000);
      expect(customer.consumption).toEqual({
        cycle: null,
        fromCycle: '2026-08',
        toCycle: '2026-10',
        total: decSum(all.map((r) => r.payment_amount)),
        officialTotal: decSum(all.map((r) => r.official_amount)),
        discountTotal: decSum(all.map((r) => r.official_discount_amount)),
        recordCount: all.length,
        byCycle: RANGE.map((cycle) => ({
          cycle,
          amount: decSum(raw.get(cycle)!.map((r) => r.payment_amount)),
          officialAmount: decSum(raw.get(cycle)!.map((r) => r.official_amount)),
          recordCount: raw.get(cycle)!.length,
        })),
        records: { totalCount: all.length, nodes: all.slice(0, 3).map((r) => ({ cycle: r.bill_cycle, recordId: r.id })) },
      });
      expect(decSum(customer.consumption.byCycle.map((c: { amount: string }) => c.amount))).toBe(customer.consumption.total);
      expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: RANGE.reduce((n, c) => n + pages(raw.get(c)!.length), 0) });
    });

    it('breaks a cycle down by service type, resource type, region and charge mode, each exact and adding up to the total', async () => {
      const rows = raw.get(CYCLE)!;
      const { customer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) {
        total
        byServiceType { serviceType { code } amount officialAmount recordCount }
        byResourceType { resourceType { code } amount officialAmount recordCount }
        byRegion { regionCode region { code } amount officialAmount recordCount }
        byChargeMode { chargeMode chargeModeCode amount officialAmount recordCount }
      } } }`, { id: heavy.customerId, cycle: CYCLE });
      const view = customer.consumption;
      const sums = ({ amount, officialAmount, recordCount: n }: { amount: string; officialAmount: string; recordCount: number }) => ({ amount, officialAmount, recordCount: n });
      expect(view.byServiceType).toEqual(grouped(rows, (r) => r.service_type_code).map((g) => ({ serviceType: { code: g.key }, ...sums(g) })));
      expect(view.byResourceType).toEqual(grouped(rows, (r) => r.resource_type_code).map((g) => ({ resourceType: { code: g.key }, ...sums(g) })));
      expect(view.byRegion).toEqual(grouped(rows, (r) => r.region_code ?? '').map((g) => ({ regionCode: g.key || null, region: g.key ? { code: g.key } : null, ...sums(g) })));
      expect(view.byChargeMode).toEqual(
        grouped(rows, (r) => String(r.charging_mode), (a, b) => Number(a) - Number(b)).map((g) => ({ chargeMode: CHARGE_MODE[g.key], chargeModeCode: Number(g.key), ...sums(g) })),
      );
      expect(view.byChargeMode.length).toBeGreaterThan(1);
      for (const breakdown of [view.byServiceType, view.byResourceType, view.byRegion, view.byChargeMode]) {
        expect(decSum(breakdown.map((g: { amount: string }) => g.amount))).toBe(view.total);
      }
      // Four breakdowns and the total share one walk.
      expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: pages(rows.length) });
    });

    it.each([
      ['both forms', 'cycle: "2026-10", fromCycle: "2026-09", toCycle: "2026-10"', 'cycle', /either "cycle" or "fromCycle" and "toCycle"/],
      ['neither form', '', 'cycle', /pass "cycle", or "fromCycle" and "toCycle"/],
      ['half a range', 'fromCycle: "2026-09"', 'toCycle', /"toCycle" is required/],
      ['a reversed range', 'fromCycle: "2026-10", toCycle: "2026-09"', 'fromCycle', /must not be later than "toCycle"/],
      ['19 cycles', 'fromCycle: "2025-05", toCycle: "2026-11"', 'fromCycle', /one of the last 18 cycles, 2025-06 to 2026-11 .*got "2025-05"/],
      ['a cycle Huawei no longer keeps', 'cycle: "2020-01"', 'cycle', /one of the last 18 cycles, 2025-06 to 2026-11/],
      ['a future cycle', 'cycle: "2027-01"', 'cycle', /must not be a future cycle: cycles 2025-06 to 2026-11/],
      ['a range into the future', 'fromCycle: "2026-10", toCycle: "2026-12"', 'toCycle', /must not be a future cycle/],
    ])('refuses %s with BAD_USER_INPUT naming the argument, before any bill call', async (_what, args, argument, message) => {
      const result = await stack.graphql(`query ($id: String!) { customer(customerId: $id) { customerId consumption${args ? `(${args})` : ''} { total } } }`, {
        id: heavy.customerId,
      });
      expect(result.data!.customer).toEqual({ customerId: heavy.customerId, consumption: null });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(result.errors![0].message).toMatch(message);
      expect(belowCustomer(stack)).toEqual({});
    });

    it('accepts a range of exactly 18 cycles', async () => {
      const { customer } = await data(stack, `query ($id: String!) { customer(customerId: $id) {
        consumption(fromCycle: "2025-06", toCycle: "2026-11") { byCycle { cycle } }
      } }`, { id: heavy.customerId });
      expect(customer.consumption.byCycle).toHaveLength(18);
      expect(customer.consumption.byCycle[0]).toEqual({ cycle: '2025-06' });
      expect(belowCustomer(stack)['ListSubCustomerBillDetail']).toBeGreaterThanOrEqual(18);
    });
  });

  describe('usage in another unit', () => {
    const usageQuery = (unit: string) => `query ($id: String!, $cycle: BillingCycle!, $res: String!) { customer(customerId: $id) { consumption(cycle: $cycle, resourceId: $res) {
      records(first: 1) { nodes { usage { amount unit { id } } converted: usage(unit: "${unit}") { amount exact measureId unit { id abbreviation } } } }
    } } }`;
    const withUnit = (measureId: number) => {
      const found = RANGE.flatMap((c) => raw.get(c)!).find((r) => r.usage_measure_id === measureId && r.usage_amount !== undefined);
      if (!found) throw new Error(`the heavy customer has no usage in measure ${measureId}`);
      return found;
    };

    it('converts hours to seconds and GB to MB exactly (one table row, multiplied)', async () => {
      const hourly = withUnit(4);
      const seconds = await data(stack, usageQuery('s'), { id: heavy.customerId, cycle: hourly.bill_cycle, res: hourly.resource_id });
      const node = seconds.customer.consumption.records.nodes[0];
      expect(node.usage.unit).toEqual({ id: 4 });
      expect(node.converted).toEqual({ amount: dec(new Money(node.usage.amount).times(3600).toFixed()), exact: true, measureId: 6, unit: { id: 6, abbreviation: 's' } });

      // Outbound traffic of a bandwidth is metered in GB (measure 10): any direct customer with such usage.
      const isTraffic = (r: { usage: unknown; resource: { resourceType: { code: string } } }) => r.usage !== null && r.resource.resourceType.code === 'hws.resource.type.bandwidth';
      const owner = pick(directCustomers(stack), 'direct customer with bandwidth traffic', (c) => stack.simulator.state.bills.records(c.customerId, CYCLE).some(isTraffic));
      const trafficResource = stack.simulator.state.bills.records(owner.customerId, CYCLE).find(isTraffic)!.resource.resourceId;
      const mb = await data(stack, usageQuery('M'), { id: owner.customerId, cycle: CYCLE, res: trafficResource });
      const t = mb.customer.consumption.records.nodes[0];
      expect(t.usage.unit).toEqual({ id: 10 });
      // "M" is MB of traffic (11) here, not MB of capacity (19): the quantity's own measure type decides.
      expect(t.converted.unit).toEqual({ id: 11, abbreviation: 'M' });
      expect(t.converted.amount).toBe(dec(new Money(t.usage.amount).times(1024).toFixed()));
      expect(t.converted.exact).toBe(true);
      // The names people type (issue 15): "MB" and "megabytes" are Huawei's "M"; "GB", as the README writes it, is "G".
      for (const typed of ['MB', 'megabytes']) {
        const named = await data(stack, usageQuery(typed), { id: owner.customerId, cycle: CYCLE, res: trafficResource });
        expect(named.customer.consumption.records.nodes[0].converted).toEqual(t.converted);
      }
      const gb = await data(stack, usageQuery('GB'), { id: owner.customerId, cycle: CYCLE, res: trafficResource });
      expect(gb.customer.consumption.records.nodes[0].converted).toMatchObject({ amount: t.usage.amount, measureId: 10, exact: true });
    });

    it('divides exactly where the quotient terminates (MB → GB, ÷ 1024) and follows a chain (TB by way of GB, ÷ 1024²)', async () => {
      const ctx = { bss: stack.bss, reference: new ReferenceCache({ ttlMs: 60_000 }), language: 'en_US' as const };
      const one = await convertQuantity(ctx, { amount: new Money('1'), measureId: 11, exact: true }, '10');
      expect({ amount: one.amount.toFixed(), exact: one.exact, measureId: one.measureId }).toEqual({ amount: '0.0009765625', exact: true, measureId: 10 });
      const tb = await convertQuantity(ctx, { amount: new Money('1536.00000001'), measureId: 10, exact: true }, '13');
      // 1536.00000001 / 1024 = 1.50000000000976562500 (terminates: the denominator is a power of 2).
      expect({ amount: tb.amount.toFixed(), exact: tb.exact }).toEqual({ amount: '1.500000000009765625', exact: true });
      const days = await convertQuantity(ctx, { amount: new Money('1'), measureId: 6, exact: true }, 'd');
      // 1 s = 1/86400 d, by way of s → h → d (two rows, both divided): not terminating, rounded half-up to 20 places.
      expect({ amount: days.amount.toFixed(), exact: days.exact, measureId: days.measureId }).toEqual({ amount: '0.00001157407407407407', exact: false, measureId: 8 });
      const exactDays = await convertQuantity(ctx, { amount: new Money('5400'), measureId: 6, exact: true }, '4');
      expect({ amount: exactDays.amount.toFixed(), exact: exactDays.exact }).toEqual({ amount: '1.5', exact: true });
    });

    it('refuses a conversion the table does not have, naming both units, and an unknown unit as bad input', async () => {
      const capacityHours = withUnit(30);
      const result = await stack.graphql(usageQuery('h'), { id: heavy.customerId, cycle: capacityHours.bill_cycle, res: capacityHours.resource_id });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toEqual({ code: 'UNIT_CONVERSION_NOT_FOUND', fromMeasureId: 30, toMeasureId: 4 });
      expect(result.errors![0].message).toMatch(/No conversion from GB\*h \(measure id 30\) to h \(measure id 4\): they measure different things/);
      expect(result.errors![0].path).toEqual(['customer', 'consumption', 'records', 'nodes', 0, 'converted']);
      // The rest of the record still answers.
      expect(result.data!.customer.consumption.records.nodes[0].usage.unit).toEqual({ id: 30 });

      const unknown = await stack.graphql(usageQuery('parsec'), { id: heavy.customerId, cycle: capacityHours.bill_cycle, res: capacityHours.resource_id });
      expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'unit' });

      const ctx = { bss: stack.bss, reference: new ReferenceCache({ ttlMs: 60_000 }), language: 'en_US' as const };
      // Pieces (quantity) to times (frequency): another measure type, whatever the table says.
      await expect(convertQuantity(ctx, { amount: new Money(1), measureId: 14, exact: true }, '20')).rejects.toMatchObject({
        extensions: { code: 'UNIT_CONVERSION_NOT_FOUND', fromMeasureId: 14, toMeasureId: 20 },
      });
      // Within one measure type, units the table does not connect have no conversion (never a guess).
      const table = [{ fromMeasureId: 10, toMeasureId: 11, ratio: '1024', measureType: 3 }];
      expect(conversionFactor(table, 10, 12)).toBeNull();
      expect(conversionFactor(table, 11, 10)).toEqual({ num: new Money(1), den: new Money(1024) });
    });
  });

  describe('partner-wide and reseller-wide views', () => {
    it('pulls a reseller\'s customers: exact total and per-customer sums, calls equal to the bound', async () => {
      const world = stack.simulator.state.world;
      const reseller = pick(
        world.resellers.map((r) => ({ ...r, customerId: r.indirectPartnerId }) as unknown as CustomerRecord),
        'reseller with customers',
        (r) => world.customersOf(r.customerId).length > 3,
      ).customerId;
      const listed = (await stack.bss.paginate(ListSubCustomers, { body: { indirect_partner_id: reseller } })).items;
      const perCustomer = new Map<string, SubCustomerMonthlyBillDetail[]>();
      for (const c of listed) perCustomer.set(c.customer_id, await rawRecords(c.customer_id, CYCLE, reseller));
      const all = listed.flatMap((c) => perCustomer.get(c.customer_id)!);
      expect(all.length).toBeGreaterThan(1000);
      stack.bss.counter.reset();

      const { indirectPartner } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { indirectPartner(indirectPartnerId: $id) {
        consumption(cycle: $cycle) { total recordCount byCustomer { customerId indirectPartnerId amount recordCount customer { customerId } } byServiceType { amount } }
      } }`, { id: reseller, cycle: CYCLE });
      const view = indirectPartner.consumption;
      expect(view.total).toBe(decSum(all.map((r) => r.payment_amount)));
      expect(view.recordCount).toBe(all.length);
      const consuming = listed.filter((c) => perCustomer.get(c.customer_id)!.length > 0).map((c) => c.customer_id).sort();
      expect(view.byCustomer).toEqual(consuming.map((id) => ({
        customerId: id, indirectPartnerId: reseller, amount: decSum(perCustomer.get(id)!.map((r) => r.payment_amount)),
        recordCount: perCustomer.get(id)!.length, customer: { customerId: id },
      })));
      expect(decSum(view.byServiceType.map((g: { amount: string }) => g.amount))).toBe(view.total);
      const bound = consumptionPullCallBound({ scopes: [{ own: false, recordCounts: listed.map((c) => [perCustomer.get(c.customer_id)!.length]) }], cycles: 1 });
      const { ListIndirectPartners: lookup, ...pull } = requests(stack);
      expect(lookup).toBe(1); // Query.indirectPartner itself
      expect(pull).toEqual({ ListSubCustomers: bound.ListSubCustomers, ListSubCustomerBillDetail: bound.ListSubCustomerBillDetail });
      expect(bound.ListSubCustomerBillDetail).toBe(listed.reduce((n, c) => n + pages(perCustomer.get(c.customer_id)!.length), 0));
    }, 180_000);

    it('pulls the whole business: every scope, thousands of 8-decimal records summed exactly, calls equal to the bound', async () => {
      const resellers = (await stack.bss.paginate(ListIndirectPartners, { body: {} })).items.map((r) => r.indirect_partner_id!);
      const scopes: { id: string | null; customers: { id: string; records: SubCustomerMonthlyBillDetail[] }[] }[] = [];
      for (const scope of [null, ...resellers]) {
        const listed = (await stack.bss.paginate(ListSubCustomers, { body: scope ? { indirect_partner_id: scope } : {} })).items;
        const customers = [];
        for (const c of listed) customers.push({ id: c.customer_id, records: await rawRecords(c.customer_id, CYCLE, scope) });
        scopes.push({ id: scope, customers });
      }
      const all = scopes.flatMap((s) => s.customers.flatMap((c) => c.records));
      expect(all.length).toBeGreaterThan(5000);
      const consumers = (await stack.bss.paginate(ListConsumeSubCustomers, { body: { bill_cycle: CYCLE } })).items.map((c) => c.customer_id);
      expect(all.some((r) => /\.\d{8}$/.test(String(r.payment_amount)))).toBe(true);
      const own = scopes[0]!.customers;
      expect(own.some((c) => c.records.length === 0)).toBe(true);
      stack.bss.counter.reset();

      const { partner } = await data(stack, `query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
        cycle total officialTotal recordCount byCustomer { customerId amount } byChargeMode { amount } byRegion { amount }
        records(first: 3) { totalCount nodes { customerId recordId } }
      } } }`, { cycle: CYCLE });
      const view = partner.consumption;
      expect(view.cycle).toBe(CYCLE);
      expect(view.total).toBe(decSum(all.map((r) => r.payment_amount)));
      expect(view.officialTotal).toBe(decSum(all.map((r) => r.official_amount)));
      expect(view.recordCount).toBe(all.length);
      for (const breakdown of [view.byCustomer, view.byChargeMode, view.byRegion]) expect(decSum(breakdown.map((g: { amount: string }) => g.amount))).toBe(view.total);
      expect(view.byCustomer).toHaveLength(scopes.flatMap((s) => s.customers).filter((c) => c.records.length > 0).length);
      // Records come in the pull's order: own customers as ListConsumeSubCustomers lists them, then each reseller's.
      const firstId = consumers[0]!;
      const first = own.find((c) => c.id === firstId)!;
      expect(view.records).toEqual({ totalCount: all.length, nodes: first.records.slice(0, 3).map((r) => ({ customerId: first.id, recordId: r.id })) });

      // No customer field beyond its id is asked: the own customers are not listed (4.3 drives them).
      const bound = consumptionPullCallBound({
        resellers: resellers.length,
        scopes: scopes.map((s) => ({ own: s.id === null, recordCounts: s.customers.map((c) => [c.records.length]) })),
        cycles: 1,
        listOwnCustomers: false,
      });
      const { total: _total, ...perOperation } = bound;
      expect(requests(stack)).toEqual(perOperation);
      expect(perOperation.ListSubCustomers).toBe(resellers.length);
      // Own customers without records cost nothing: fewer 4.2 calls than one per customer and cycle.
      expect(bound.ListSubCustomerBillDetail).toBeLessThan(scopes.flatMap((s) => s.customers).reduce((n, c) => n + pages(c.records.length), 0));
    }, 300_000);

    it('lists the own customers, once, only when a query asks their records\' customer for more than its id', async () => {
      const world = stack.simulator.state.world;
      const resellerPages = world.resellers.reduce((n, r) => n + Math.max(1, Math.ceil(world.customersOf(r.indirectPartnerId).length / 100)), 0);
      const listed = (await stack.bss.paginate(ListSubCustomers, { body: {} })).items;
      const consumers = (await stack.bss.paginate(ListConsumeSubCustomers, { body: { bill_cycle: CYCLE } })).items.map((c) => c.customer_id);
      const first = listed.find((c) => c.customer_id === consumers[0])!;

      stack.bss.counter.reset();
      // `totalCount` needs the whole pull, so every call of it is counted before the answer.
      const idsOnly = await data(stack, `query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
        records(first: 2) { totalCount nodes { customerId customer { customerId } } }
      } } }`, { cycle: CYCLE });
      expect(idsOnly.partner.consumption.records.nodes).toEqual([0, 1].map(() => ({ customerId: first.customer_id, customer: { customerId: first.customer_id } })));
      expect(idsOnly.partner.consumption.records.totalCount).toBeGreaterThan(5000);
      expect(requests(stack)['ListSubCustomers']).toBe(resellerPages); // the resellers' customers only

      stack.bss.counter.reset();
      const details = await data(stack, `query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
        records(first: 2) { totalCount nodes { customer { customerId associationTypeCode } } }
        byCustomer { customerId indirectPartnerId customer { ...who } }
      } } } fragment who on Customer { customerId associationTypeCode }`, { cycle: CYCLE });
      const own = { customerId: first.customer_id, associationTypeCode: first.association_type ?? null };
      expect(details.partner.consumption.records).toEqual({ totalCount: idsOnly.partner.consumption.records.totalCount, nodes: [{ customer: own }, { customer: own }] });
      const ownRows = details.partner.consumption.byCustomer.filter((g: { indirectPartnerId: string | null }) => g.indirectPartnerId === null);
      expect(ownRows.length).toBe(consumers.length);
      const byId = new Map(listed.map((c) => [c.customer_id, c]));
      for (const row of ownRows) expect(row.customer).toEqual({ customerId: row.customerId, associationTypeCode: byId.get(row.customerId)!.association_type ?? null });
      // Listed once for both fields (ceil(n / 100) pages of the own scope), and no lookup per customer.
      expect(requests(stack)['ListSubCustomers']).toBe(resellerPages + Math.ceil(listed.length / 100));
    }, 300_000);

    it('refuses a window too large before it is read, and the pull it started ends quietly (no unhandled rejection)', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        for (const args of ['first: 1000000', 'last: 1000000', 'first: 2, after: "bm90LWEtY3Vyc29y"']) {
          const result = await stack.graphql(`query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
            records(${args}) { nodes { recordId } }
          } } }`, { cycle: CYCLE });
          expect(result.data!.partner.consumption.records).toBeNull();
          expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
        }
        // The operations are answered and their pulls aborted: wait for the aborted calls to settle.
        await new Promise((r) => setTimeout(r, 500));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    }, 60_000);

    it('answers a first window as soon as its records are in, and stops the pull there', async () => {
      const consumers = (await stack.bss.paginate(ListConsumeSubCustomers, { body: { bill_cycle: CYCLE } })).items.map((c) => c.customer_id);
      const firstRecords = await rawRecords(consumers[0]!, CYCLE, null);
      const world = stack.simulator.state.world;
      stack.bss.counter.reset();
      const { partner } = await data(stack, `query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
        records(first: 3) { nodes { recordId } }
      } } }`, { cycle: CYCLE });
      expect(partner.consumption.records.nodes).toEqual(firstRecords.slice(0, 3).map((r) => ({ recordId: r.id })));
      // The operation is complete: the workers stop (calls in flight end). Wait for the count to settle.
      const callsSoFar = () => Object.values(requests(stack)).reduce((n, c) => n + c, 0);
      let settled = -1;
      for (let now = callsSoFar(); now !== settled; now = callsSoFar()) {
        settled = now;
        await new Promise((r) => setTimeout(r, 300));
      }
      const calls = requests(stack);
      // At most one wave of record reads (8 workers, one page each); the whole pull reads one page per customer or more.
      expect(calls['ListSubCustomerBillDetail']).toBeLessThanOrEqual(8 + 8);
      expect(calls['ListSubCustomers'] ?? 0).toBe(0);
      expect(world.customers.length).toBeGreaterThan(40);
    }, 120_000);
  });
});
