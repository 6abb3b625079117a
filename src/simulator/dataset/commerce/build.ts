/**
 * Builds one customer's commerce book from the world's inventory: every inventory order becomes an order
 * record (combined with sub-orders when it covers several resources), priced from the catalogue; every
 * inventory resource a resource record; plus the customer's enterprise projects and a few historical
 * unsubscriptions with their refunds. Generated orders are paid in cash: coupons are the partner store's,
 * and only payments made through PayOrders draw on them. Everything is drawn from generators keyed by the
 * customer, order or resource, so one customer's book never depends on another's or on build order.
 */
import { Money } from '../../../bss/money.js';
import type { World, CustomerRecord, InventoryOrder, InventoryResource } from '../world.js';
import { REGIONS, RESOURCE_TYPES, type ResourceTypeDef } from '../reference.js';
import type { Random } from '../random.js';
import { addDiscount, discountForRatio, DISCOUNT_TYPE, monthsOf, priceLine } from './pricing.js';
import { productOf } from './products.js';
import { makeOrder, registerOrder, resourceGroup, type LineInput } from './order-factory.js';
import { unsubscribeGroup } from './unsubscribe.js';
import { addMonths, DAY_MS, flat, HOUR_MS, orderIdAt } from './time.js';
import type { CommerceBook, EnterpriseProjectDef, OrderRecord, ResourceRecord } from './types.js';

const PARTNER_RATIOS = ['0.95', '0.92', '0.90', '0.88', '0.85'];
const PROJECT_NAMES = ['production', 'test', 'dev', 'marketing', 'data-platform'];
/** Huawei's label for orders the system created (auto-renewals). */
export const SYSTEM_USER = '运营系统';
/** Share of paid subscriptions that were unsubscribed before they ran out. */
const UNSUBSCRIBED_SHARE = 0.06;

export function buildBook(world: World, customer: CustomerRecord): CommerceBook {
  const r = world.random(`commerce:${customer.customerId}`);
  const partnerRatio = r.chance(0.5) ? new Money(r.pick(PARTNER_RATIOS)) : null;
  const enterpriseProjects: EnterpriseProjectDef[] = [{ id: '0', name: 'default' }];
  const extra = r.int(0, 2);
  for (let i = 0; i < extra; i++) enterpriseProjects.push({ id: flat(r.uuid()), name: PROJECT_NAMES[(i + r.int(0, 4)) % PROJECT_NAMES.length]! });

  const book: CommerceBook = {
    customer, orders: [], orderById: new Map(), resources: [], resourceById: new Map(),
    partnerRatio, enterpriseProjects, renewConfig: new Map(), offers: new Map(), writeSequence: 0,
  };
  const inventory = world.inventoryOf(customer.customerId);
  const purchaseOf = new Map<string, InventoryOrder>();
  for (const o of inventory.orders) if (o.orderType === 1) for (const id of o.resourceIds) purchaseOf.set(id, o);

  const projects = new Map<string, string>();
  const projectOf = (region: string): string => {
    let id = projects.get(region);
    if (!id) projects.set(region, (id = flat(world.random(`project:${customer.customerId}:${region}`).hex(32))));
    return id;
  };
  const rr = world.random(`commerce-resources:${customer.customerId}`);
  const addResource = (res: InventoryResource, provisioned: boolean, purchase: InventoryOrder | undefined): ResourceRecord => {
    const active = res.expireAt !== null && res.expireAt.getTime() > world.now.getTime();
    // Attached resources follow their main resource's expiry policy (renewal acts on the group).
    const parent = res.parentResourceId ? book.resourceById.get(res.parentResourceId) : undefined;
    const expirePolicy = parent ? parent.expirePolicy : res.chargeMode === 1 && active ? rr.weighted([[0, 70], [3, 22], [1, 8]]) : 0;
    const record: ResourceRecord = {
      resourceId: res.resourceId, instanceId: flat(rr.hex(32)), customerId: customer.customerId, parentResourceId: res.parentResourceId,
      chargeMode: res.chargeMode, resourceType: res.resourceType, spec: res.spec,
      product: productOf(world.seed, res.resourceType, res.spec, res.chargeMode), regionCode: res.regionCode,
      availabilityZone: `${res.regionCode}${rr.pick(['a', 'b', 'c'])}`, projectId: projectOf(res.regionCode),
      // Attached resources belong to their main resource's enterprise project.
      enterpriseProject: parent?.enterpriseProject ?? rr.pick(enterpriseProjects), resourceName: res.resourceName,
      effectiveAt: res.createdAt, expireAt: res.expireAt, deletedAt: res.deletedAt, closedAt: null, provisioned, expirePolicy,
      autoRenewTimes: parent ? parent.autoRenewTimes : expirePolicy === 3 ? 0 : null,
      periodType: purchase?.periodType ?? 2, periodNum: purchase?.periodNum ?? 1,
      updatedAt: res.createdAt,
    };
    book.resources.push(record);
    book.resourceById.set(record.resourceId, record);
    return record;
  };
  for (const res of inventory.resources) addResource(res, true, purchaseOf.get(res.resourceId));

  const lastExpire = new Map<string, Date>();
  for (const o of inventory.orders) {
    const or = world.random(`order:${o.orderId}`);
    const group = o.resourceIds.map((id, i) => book.resourceById.get(id) ?? addResource(plannedResource(world, o, id, i, or), false, o));
    const months = monthsOf(o.periodType, o.periodNum);
    const paid = o.status === 5;
    const lines: LineInput[] = group.map((res) => {
      const effectiveAt = o.orderType === 1 ? o.createdAt : lastExpire.get(res.resourceId) ?? o.createdAt;
      const expireAt = addMonths(effectiveAt, months);
      if (paid) {
        lastExpire.set(res.resourceId, expireAt);
        res.updatedAt = o.paidAt!;
      }
      const amounts = priceLine(res.resourceType, o.periodType, o.periodNum);
      // The partner discount is chosen at payment (ListOrderDiscounts), so only paid orders carry it.
      if (paid && partnerRatio) addDiscount(amounts, DISCOUNT_TYPE.partnerAuthorised, discountForRatio(amounts, partnerRatio));
      return { resource: res, periodType: o.periodType, periodNum: o.periodNum, effectiveAt, expireAt, amounts };
    });
    const sourceType = o.orderType === 1 ? or.weighted([[1, 85], [2, 15]]) : or.weighted([[1, 70], [8, 30]]);
    registerOrder(book, makeOrder(world, customer.customerId, {
      orderId: o.orderId, orderType: o.orderType, status: o.status, sourceType, createdAt: o.createdAt, paidAt: o.paidAt,
      userName: userNameFor(world, customer, sourceType), serviceTypeCode: o.serviceTypeCode, periodType: o.periodType,
      periodNum: o.periodNum, lines, agentPay: agentPayFor(world, customer, sourceType),
    }));
  }

  for (const main of book.resources.filter((x) => x.chargeMode === 1 && x.provisioned && x.parentResourceId === null)) {
    historicalUnsubscription(world, book, main);
  }
  return book;
}

export function userNameFor(world: World, customer: CustomerRecord, sourceType: number): string {
  if (sourceType === 8) return SYSTEM_USER;
  if (sourceType === 2) return world.partner.domainName;
  return customer.accountName;
}

/** Orders a partner placed for a resale customer are paid by the partner (or the customer's reseller). */
export function agentPayFor(world: World, customer: CustomerRecord, sourceType: number): OrderRecord['agentPay'] {
  return sourceType === 2 && customer.associationType === '2'
    ? { payingAgentId: customer.indirectPartnerId ?? world.partner.domainId, isAgentPay: true }
    : { payingAgentId: null, isAgentPay: false };
}

/**
 * The world provisions nothing for unpaid or cancelled orders, so their resources are planned here: the
 * order's service type decides the resource type (a VM order over three resources is VM, disk and EIP,
 * the world's only group shape), the rest is drawn per order.
 */
function plannedResource(world: World, o: InventoryOrder, resourceId: string, index: number, r: Random): InventoryResource {
  const byCode = (code: string): ResourceTypeDef => RESOURCE_TYPES.find((t) => t.code === code)!;
  let type: ResourceTypeDef;
  if (o.serviceTypeCode === 'hws.service.type.ec2') {
    type = byCode(['hws.resource.type.vm', 'hws.resource.type.volume', 'hws.resource.type.ip'][index] ?? 'hws.resource.type.vm');
  } else {
    type = r.pick(RESOURCE_TYPES.filter((t) => t.serviceTypeCode === o.serviceTypeCode && t.chargeModes.includes(1)));
  }
  // Attached resources live in their main resource's region.
  const regionCode = world.random(`order-region:${o.orderId}`).pick(REGIONS).code;
  return {
    resourceId, parentResourceId: index === 0 ? null : o.resourceIds[0]!, resourceType: type, regionCode, chargeMode: 1,
    spec: r.pick(type.specs), resourceName: `${type.code.split('.').pop()}-${r.hex(6)}`, createdAt: o.createdAt,
    orderId: null, expireAt: addMonths(o.createdAt, monthsOf(o.periodType, o.periodNum)), deletedAt: null, intensity: 0,
  };
}

/** Some paid subscriptions were unsubscribed in the past, after their last payment and before they ran out. */
function historicalUnsubscription(world: World, book: CommerceBook, main: ResourceRecord): void {
  const r = world.random(`unsubscribe:${main.resourceId}`);
  if (!r.chance(UNSUBSCRIBED_SHARE) || !main.expireAt) return;
  const group = resourceGroup(book, main);
  const lastPaid = Math.max(...book.orders.filter((o) => o.status === 5 && o.resourceIds.includes(main.resourceId)).map((o) => o.paidAt!.getTime()));
  const end = Math.min(main.expireAt.getTime(), world.now.getTime());
  if (!Number.isFinite(lastPaid) || end - lastPaid < 2 * DAY_MS) return;
  const at = new Date(Math.floor((lastPaid + HOUR_MS + r.next() * (end - lastPaid - 2 * HOUR_MS)) / 1000) * 1000);
  unsubscribeGroup(world, book, {
    group, type: 1, at, orderId: orderIdAt(at, r), sourceType: 1, userName: book.customer.accountName,
  });
}
