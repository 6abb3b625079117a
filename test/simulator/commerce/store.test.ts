import { describe, expect, it, vi } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { SimState } from '../../../src/simulator/state.js';
import { sumAmounts } from '../../../src/simulator/dataset/commerce/pricing.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { customerAt } from './support.js';

const fixed = (d: { toFixed(n: number): string }): string => d.toFixed(2);

describe('CommerceStore', () => {
  it('builds a customer book on first use only, from that customer alone', () => {
    const state = testState();
    const spy = vi.spyOn(state.world, 'inventoryOf');
    const customer = customerAt(state, 6);
    state.commerce.ordersOf(customer.customerId);
    state.commerce.ordersOf(customer.customerId);
    expect(spy.mock.calls).toEqual([[customer.customerId]]);
  });

  it('is deterministic: the same seed gives the same books, another seed others', () => {
    const snapshot = (state: SimState) => state.world.customers.map((c) => ({
      orders: state.commerce.ordersOf(c.customerId).map((o) => ({ ...o, officialAmount: fixed(o.officialAmount), amountAfterDiscount: fixed(o.amountAfterDiscount) })),
      resources: state.commerce.resourcesOf(c.customerId).map((r) => ({ ...r, product: r.product.productId })),
    }));
    const a = snapshot(testState(60, 7));
    expect(snapshot(testState(60, 7))).toEqual(a);
    expect(snapshot(testState(60, 8))).not.toEqual(a);
  });

  it('prices a combined VM order per resource: monthly price × months less the partner rate, to the fen', () => {
    const state = testState();
    const book = state.commerce.book(customerAt(state, 6).customerId)!;
    const order = book.orderById.get('CS2604020137AO95H')!;
    expect(order.subOrders.map((s) => [s.orderId, s.serviceTypeCode, s.lines[0]!.resourceType.code])).toEqual([
      ['CS2604020137GAXTB', 'hws.service.type.ec2', 'hws.resource.type.vm'],
      ['CS2604020137ZBJ7M', 'hws.service.type.ebs', 'hws.resource.type.volume'],
      ['CS2604020137F089U', 'hws.service.type.vpc', 'hws.resource.type.ip'],
    ]);
    // 0.90 partner rate: 288.00 − 28.80, 35.00 − 3.50, 20.00 − 2.00.
    expect(order.lines.map((l) => [fixed(l.amounts.official), [...l.amounts.discounts].map(([t, a]) => `${t}:${fixed(a)}`), fixed(l.amounts.afterDiscount)])).toEqual([
      ['288.00', ['607:28.80'], '259.20'],
      ['35.00', ['607:3.50'], '31.50'],
      ['20.00', ['607:2.00'], '18.00'],
    ]);
    expect(state.commerce.order('CS2604020137AO95H')).toMatchObject({
      customerId: customerAt(state, 6).customerId, orderType: 1, status: 5, serviceTypeCode: 'hws.service.type.ec2', parentOrderId: null,
      createdAt: new Date('2026-04-01T17:37:16.495Z'), resourceIds: order.resourceIds,
    });
    expect(fixed(state.commerce.order('CS2604020137AO95H')!.officialAmount)).toBe('343.00');
    expect(fixed(state.commerce.order('CS2604020137AO95H')!.amountAfterDiscount)).toBe('308.70');
    // A sub-order is found too, with its combined order; the customer's list holds combined orders only.
    expect(state.commerce.order('CS2604020137ZBJ7M')).toMatchObject({ parentOrderId: 'CS2604020137AO95H', resourceIds: [order.resourceIds[1]] });
    expect(state.commerce.ordersOf(customerAt(state, 6).customerId).map((o) => o.orderId)).toEqual(['CS2604020137AO95H', 'CS2610080816TUW6C']);
  });

  it('prices a yearly purchase at ten months (E13 900) before the partner rate', () => {
    const state = testState();
    const order = state.commerce.book(customerAt(state, 6).customerId)!.orderById.get('CS2610080816TUW6C')!;
    const line = order.lines[0]!;
    expect([line.periodType, line.periodNum, fixed(line.amounts.official), [...line.amounts.discounts].map(([t, a]) => `${t}:${fixed(a)}`), fixed(line.amounts.afterDiscount)])
      .toEqual([3, 1, '1380.00', ['900:230.00', '607:115.00'], '1035.00']);
  });

  it('keeps every order consistent: official − discounts = after discount on each line, orders sum their lines', () => {
    const state = testState();
    let lines = 0;
    for (const customer of state.world.customers) {
      const book = state.commerce.book(customer.customerId)!;
      for (const order of book.orders) {
        for (const line of order.lines) {
          const total = line.amounts.discounts.reduce((s, [, d]) => s.plus(d), new Money(0));
          expect(new Set(line.amounts.discounts.map(([t]) => t)).size).toBe(line.amounts.discounts.length);
          expect(fixed(line.amounts.official.minus(total))).toBe(fixed(line.amounts.afterDiscount));
          expect(line.amounts.afterDiscount.decimalPlaces()).toBeLessThanOrEqual(2);
          lines++;
        }
        const summary = state.commerce.order(order.orderId)!;
        expect(fixed(summary.amountAfterDiscount)).toBe(fixed(sumAmounts(order.lines.map((l) => l.amounts)).afterDiscount));
        if (order.subOrders.length > 0) {
          expect(order.lines).toEqual(order.subOrders.map((s) => s.lines[0]));
          const subTotal = order.subOrders.reduce((s, o) => s.plus(state.commerce.order(o.orderId)!.officialAmount), new Money(0));
          expect(fixed(subTotal)).toBe(fixed(summary.officialAmount));
        }
        // The partner rate is chosen at payment, so only completed purchases and renewals carry it.
        const has607 = order.lines.some((l) => l.amounts.discounts.some(([t]) => t === '607'));
        if (order.orderType !== 4) expect(has607).toBe(order.status === 5 && book.partnerRatio !== null);
      }
    }
    expect(lines).toBeGreaterThan(300);
  });

  it('chains subscription periods so the last paid period ends when the resource expires', () => {
    const state = testState();
    let checked = 0;
    for (const customer of state.world.customers) {
      const book = state.commerce.book(customer.customerId)!;
      const inventory = state.world.inventoryOf(customer.customerId);
      for (const res of inventory.resources.filter((r) => r.chargeMode === 1)) {
        const record = book.resourceById.get(res.resourceId)!;
        const periods = book.orders.filter((o) => o.status === 5 && o.orderType !== 4).flatMap((o) => o.lines).filter((l) => l.resourceId === res.resourceId);
        for (let i = 1; i < periods.length; i++) expect(periods[i]!.effectiveAt).toEqual(periods[i - 1]!.expireAt);
        if (record.closedAt) {
          expect(record.expireAt).toEqual(record.closedAt);
        } else {
          expect(periods.at(-1)!.expireAt).toEqual(res.expireAt);
          expect(record.expireAt).toEqual(res.expireAt);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('refunds an unsubscription pro rata: the base payment reversed, the used part charged back', () => {
    const state = testState();
    const book = state.commerce.book(customerAt(state, 9).customerId)!;
    const order = book.orderById.get('CS2611142236GNB2U')!;
    expect([order.orderType, order.status, order.createdAt.toISOString()]).toEqual([4, 5, '2026-11-14T14:36:13.000Z']);
    expect(order.refunds.map((f) => [fixed(f.amount), f.baseOrderId])).toEqual([['-621.00', 'CS2610191114V3I0B'], ['90.33', 'CS2610191114V3I0B']]);
    const summary = state.commerce.order(order.orderId)!;
    expect([fixed(summary.officialAmount), fixed(summary.amountAfterDiscount)]).toEqual(['-530.67', '-530.67']);
    expect(fixed(order.lines[0]!.amounts.consumed)).toBe('90.33');
    const resource = book.resourceById.get(order.resourceIds[0]!)!;
    expect(resource.closedAt).toEqual(order.createdAt);

    // Everywhere: an unsubscription's amount is the sum of its refund records.
    for (const customer of state.world.customers) {
      for (const o of state.commerce.book(customer.customerId)!.orders.filter((x) => x.orderType === 4)) {
        const net = o.refunds.reduce((s, f) => s.plus(f.amount), new Money(0));
        expect(fixed(state.commerce.order(o.orderId)!.amountAfterDiscount)).toBe(fixed(net));
        expect(net.lte(0)).toBe(true);
      }
    }
  });

  it('answers undefined or empty for ids it does not know', () => {
    const state = testState();
    expect(state.commerce.order('CS0000000000NOPE0')).toBeUndefined();
    expect(state.commerce.ordersOf('0'.repeat(32))).toEqual([]);
    expect(state.commerce.resourcesOf('0'.repeat(32))).toEqual([]);
  });

  it('anchors generated times on the world clock', () => {
    const state = testState();
    for (const customer of state.world.customers) {
      for (const o of state.commerce.ordersOf(customer.customerId)) expect(o.createdAt.getTime()).toBeLessThanOrEqual(TEST_NOW.getTime());
    }
  });
});
