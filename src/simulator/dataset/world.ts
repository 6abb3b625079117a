/**
 * The simulated partner's world: the partner account (a distributor), its resellers (indirect partners),
 * its customers with their agencies, and each customer's inventory of orders and resources, all derived
 * deterministically from a seed and an anchor date.
 *
 * Customers are generated eagerly (a few fields each, so tens of thousands take milliseconds); anything
 * bulky (inventory, and what the domain modules build on it: orders, bills, ledgers) is derived per
 * customer on first use and memoised. State that writes change (balances, coupons, orders paid or
 * cancelled) lives in the domain modules as overlays on this generated base.
 */
import { Random } from './random.js';
import { RESOURCE_TYPES, REGIONS, type ResourceTypeDef } from './reference.js';

export interface PartnerAccount {
  /** Account (domain) id, 32 lower-case hex. */
  readonly domainId: string;
  /** Account name, also the root IAM user's name. */
  readonly domainName: string;
  readonly ak: string;
  readonly sk: string;
  /** Password of the root user, for IAM password tokens. */
  readonly password: string;
  /** Partner platform identifier `xaccountType`; customers' agencies are named after it. */
  readonly xaccountType: string;
}

export interface ResellerRecord {
  readonly index: number;
  readonly indirectPartnerId: string;
  readonly accountName: string;
  readonly name: string;
  readonly mobilePhone: string;
  readonly email: string;
  /** UTC `yyyy-MM-ddTHH:mm:ssZ`. */
  readonly associatedOn: string;
  readonly accountManagerId: string;
  readonly accountManagerName: string;
}

export interface CustomerRecord {
  readonly index: number;
  /** Customer account (domain) id, 32 lower-case hex; the `customer_id` of every endpoint. */
  readonly customerId: string;
  readonly accountName: string;
  /** Real-name-authentication name (a person or a company). */
  readonly realName: string;
  /** `"1"` consultative sales (referral), `"2"` resale. */
  readonly associationType: '1' | '2';
  /** The reseller this customer belongs to, or null when it is the distributor's own customer. */
  readonly indirectPartnerId: string | null;
  readonly associatedOn: string;
  readonly label: string;
  readonly telephone: string;
  readonly countryCode: string;
  readonly email: string;
  /** `"-1"` not authenticated, `"0"` under review, `"1"` rejected, `"2"` authenticated. */
  readonly verifiedStatus: '-1' | '0' | '1' | '2';
  /** -1 no type yet, 0 individual, 1 enterprise. */
  readonly customerType: -1 | 0 | 1;
  readonly isFrozen: 0 | 1 | 2;
  readonly customerLevel: 'V0' | 'V1' | 'V2' | 'V3' | 'V4' | 'V5';
  readonly accountManager: string;
  readonly xaccountId: string;
  /** Whether the customer granted the partner an agency (named after `xaccountType`) for token exchange. */
  readonly agency: { readonly id: string; readonly roles: readonly string[] } | null;
}

/** One resource a customer holds or held. Children (a VM's disk and EIP) point at their parent. */
export interface InventoryResource {
  readonly resourceId: string;
  readonly parentResourceId: string | null;
  readonly resourceType: ResourceTypeDef;
  readonly regionCode: string;
  /** 1 yearly/monthly, 3 pay-per-use. */
  readonly chargeMode: 1 | 3;
  readonly spec: string;
  readonly resourceName: string;
  readonly createdAt: Date;
  /** Yearly/monthly: the order that bought it. */
  readonly orderId: string | null;
  /** Yearly/monthly: when the current period ends. */
  readonly expireAt: Date | null;
  /** Pay-per-use: when it was deleted, or null while it still runs. */
  readonly deletedAt: Date | null;
  /** 0..100: how heavily a pay-per-use resource is used, which drives its metered usage. */
  readonly intensity: number;
}

/** One order of a customer: a new purchase or a renewal of yearly/monthly resources. */
export interface InventoryOrder {
  readonly orderId: string;
  /** E8 order type: 1 new purchase, 2 renewal. */
  readonly orderType: 1 | 2;
  /** E7 status: 5 completed, 6 pending payment, 4 cancelled. */
  readonly status: 4 | 5 | 6;
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  /** The resources this order bought or renewed (main resource first). */
  readonly resourceIds: readonly string[];
  /** E6 period type of its line items: 2 month, 3 year. */
  readonly periodType: 2 | 3;
  readonly periodNum: number;
  readonly serviceTypeCode: string;
}

export interface Inventory {
  readonly resources: readonly InventoryResource[];
  readonly orders: readonly InventoryOrder[];
}

export interface WorldOptions {
  readonly seed: number;
  readonly customers: number;
  /** Resellers; defaults to one per 50 customers, at least 2. */
  readonly resellers?: number;
  /** The simulated "now": the open billing cycle is this instant's month in UTC+8. */
  readonly now: Date;
  /** Partner credentials to accept; generated demo values when absent. */
  readonly partner?: Partial<PartnerAccount>;
  /**
   * Hours of time-metered usage per detail record: 1 (default) is Huawei's hourly record; more folds
   * consecutive hours of a day into one record with the same exact sums, to shrink record volume for
   * benchmarks at thousands of customers.
   */
  readonly hoursPerUsageRecord?: number;
}

/** Fixed demo credentials, shown in the README and the startup banner, accepted when none are configured. */
export const DEMO_PARTNER: PartnerAccount = {
  domainId: '5f0c3a9e2b7d4e11a8c6d2f4b1e9a370',
  domainName: 'partnergraph-demo',
  ak: 'PGDEMOACCESSKEY00001',
  sk: 'partner-graph-demo-secret-key-do-not-use',
  password: 'Demo-Partner-Passw0rd',
  xaccountType: 'partnergraph_demo',
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '刚'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '南京', '武汉', '西安', '苏州', '重庆', '长沙'];
const WORDS = ['云帆', '星河', '智联', '数维', '启航', '蓝海', '恒信', '鼎盛', '锐思', '天际', '睿博', '新元', '安泰', '极光'];
const TRADES = ['科技', '信息技术', '网络', '软件', '电子商务', '文化传媒', '教育科技', '物流'];
const SYLLABLES = ['yun', 'fan', 'xing', 'he', 'zhi', 'lian', 'shu', 'wei', 'qi', 'hang', 'lan', 'hai', 'heng', 'xin', 'rui', 'si', 'tian', 'ji'];
const LABELS = ['', '', 'SMB', 'KA', 'edu', 'gaming', 'retail', 'startup'];

const utc = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

export class World {
  readonly seed: number;
  readonly now: Date;
  readonly partner: PartnerAccount;
  readonly resellers: readonly ResellerRecord[];
  readonly customers: readonly CustomerRecord[];
  readonly hoursPerUsageRecord: number;
  private readonly customerById = new Map<string, CustomerRecord>();
  private readonly resellerById = new Map<string, ResellerRecord>();
  private readonly inventories = new Map<string, Inventory>();

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.now = options.now;
    this.partner = { ...DEMO_PARTNER, ...stripUndefined(options.partner ?? {}) };
    this.hoursPerUsageRecord = options.hoursPerUsageRecord ?? 1;
    if (!Number.isInteger(this.hoursPerUsageRecord) || this.hoursPerUsageRecord < 1 || this.hoursPerUsageRecord > 24) {
      throw new RangeError(`hoursPerUsageRecord must be an integer from 1 to 24, got ${this.hoursPerUsageRecord}`);
    }
    const resellerCount = options.resellers ?? Math.max(2, Math.round(options.customers / 50));
    this.resellers = Array.from({ length: resellerCount }, (_, i) => this.makeReseller(i));
    this.customers = Array.from({ length: options.customers }, (_, i) => this.makeCustomer(i));
    for (const r of this.resellers) this.resellerById.set(r.indirectPartnerId, r);
    for (const c of this.customers) this.customerById.set(c.customerId, c);
  }

  customer(customerId: string): CustomerRecord | undefined {
    return this.customerById.get(customerId);
  }

  reseller(indirectPartnerId: string): ResellerRecord | undefined {
    return this.resellerById.get(indirectPartnerId);
  }

  /** The customers a scope sees: the distributor's own (`null`) or one reseller's. */
  customersOf(indirectPartnerId: string | null): CustomerRecord[] {
    return this.customers.filter((c) => c.indirectPartnerId === indirectPartnerId);
  }

  /** A customer's orders and resources, generated on first use. */
  inventoryOf(customerId: string): Inventory {
    let inventory = this.inventories.get(customerId);
    if (!inventory) {
      const customer = this.customerById.get(customerId);
      inventory = customer ? this.makeInventory(customer) : { resources: [], orders: [] };
      this.inventories.set(customerId, inventory);
    }
    return inventory;
  }

  /** A generator for data derived from this world, keyed so it does not depend on generation order. */
  random(key: string): Random {
    return Random.derive(this.seed, key);
  }

  private makeReseller(index: number): ResellerRecord {
    const r = this.random(`reseller:${index}`);
    const company = `${r.pick(CITIES)}${r.pick(WORDS)}${r.pick(TRADES)}有限公司`;
    const account = `${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}-reseller-${String(index + 1).padStart(2, '0')}`;
    return {
      index,
      indirectPartnerId: r.hex(32),
      accountName: account,
      name: company,
      mobilePhone: `0086-1${r.pick(['38', '39', '58', '86', '77'])}${r.digits(8)}`,
      email: `${account}@example.com`,
      associatedOn: utc(new Date(this.now.getTime() - r.int(400, 1500) * DAY)),
      accountManagerId: `am_${r.pick(SYLLABLES)}${r.int(10, 99)}`,
      accountManagerName: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
    };
  }

  private makeCustomer(index: number): CustomerRecord {
    const r = this.random(`customer:${index}`);
    const verifiedStatus = r.weighted<CustomerRecord['verifiedStatus']>([['2', 80], ['-1', 8], ['0', 6], ['1', 6]]);
    const customerType: CustomerRecord['customerType'] = verifiedStatus === '-1' ? -1 : r.chance(0.7) ? 1 : 0;
    const person = `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;
    const realName = customerType === 1 ? `${r.pick(CITIES)}${r.pick(WORDS)}${r.pick(TRADES)}有限公司` : person;
    const accountName = `${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}${r.pick(SYLLABLES)}${String(index).padStart(5, '0')}`;
    const underReseller = this.resellers.length > 0 && r.chance(0.3);
    const hasAgency = r.chance(0.85);
    return {
      index,
      customerId: r.hex(32),
      accountName,
      realName: verifiedStatus === '-1' ? '' : realName,
      associationType: r.chance(0.6) ? '2' : '1',
      indirectPartnerId: underReseller ? r.pick(this.resellers).indirectPartnerId : null,
      associatedOn: utc(new Date(this.now.getTime() - r.int(30, 1200) * DAY - r.int(0, 86_399) * 1000)),
      label: r.pick(LABELS),
      telephone: `1${r.pick(['38', '39', '58', '86', '77', '35'])}${r.digits(8)}`,
      countryCode: '0086',
      email: `${accountName}@example.com`,
      verifiedStatus,
      customerType,
      isFrozen: r.chance(0.02) ? 1 : 0,
      customerLevel: r.pick(['V0', 'V1', 'V2', 'V3', 'V4', 'V5'] as const),
      accountManager: `am_${r.pick(SYLLABLES)}${r.int(10, 99)}`,
      xaccountId: `u${r.digits(10)}`,
      agency: hasAgency ? { id: r.hex(32), roles: [r.chance(0.8) ? 'te_admin' : 'readonly'] } : null,
    };
  }

  private makeInventory(customer: CustomerRecord): Inventory {
    const r = this.random(`inventory:${customer.index}`);
    const resources: InventoryResource[] = [];
    const orders: InventoryOrder[] = [];
    const associated = Date.parse(customer.associatedOn);
    // Resources live at most ~14 months back, so the 13 billed cycles have activity.
    const earliest = Math.max(associated, this.now.getTime() - 420 * DAY);
    const span = Math.max(DAY, this.now.getTime() - earliest);
    const count = r.weighted([[0, 5], [1, 15], [3, 30], [6, 30], [12, 15], [25, 5]]);
    const periodTypes = RESOURCE_TYPES.filter((t) => t.chargeModes.includes(1));
    const onDemandTypes = RESOURCE_TYPES.filter((t) => t.chargeModes.includes(3));

    for (let n = 0; n < count; n++) {
      const createdAt = new Date(earliest + Math.floor(r.next() * span));
      const regionCode = r.pick(REGIONS).code;
      if (r.chance(0.45)) {
        // A yearly/monthly purchase: one order, a main resource and, for a VM, its disk and EIP.
        const type = r.pick(periodTypes);
        const yearly = r.chance(0.25);
        const periodNum = yearly ? 1 : r.pick([1, 1, 1, 3, 6]);
        const orderId = orderIdAt(createdAt, r);
        const status: InventoryOrder['status'] = r.weighted([[5, 92], [6, 5], [4, 3]]);
        const paid = status === 5;
        const months = yearly ? 12 : periodNum;
        let expireAt = addMonths(createdAt, months);
        const main = this.resource(r, type, regionCode, 1, createdAt, null, paid ? orderId : null, expireAt);
        const group = [main];
        if (type.code === 'hws.resource.type.vm') {
          for (const childType of ['hws.resource.type.volume', 'hws.resource.type.ip'] as const) {
            const child = RESOURCE_TYPES.find((t) => t.code === childType)!;
            group.push(this.resource(r, child, regionCode, 1, createdAt, main.resourceId, paid ? orderId : null, expireAt));
          }
        }
        orders.push({
          orderId, orderType: 1, status, createdAt, paidAt: paid ? new Date(createdAt.getTime() + r.int(5, 600) * 1000) : null,
          resourceIds: group.map((g) => g.resourceId), periodType: yearly ? 3 : 2, periodNum, serviceTypeCode: type.serviceTypeCode,
        });
        if (!paid) continue; // an unpaid or cancelled order provisions nothing
        // Renewals until the subscription reaches now, most of the time.
        while (expireAt.getTime() < this.now.getTime() && r.chance(0.7)) {
          const renewedAt = new Date(expireAt.getTime() - r.int(1, 7) * DAY);
          orders.push({
            orderId: orderIdAt(renewedAt, r), orderType: 2, status: 5, createdAt: renewedAt,
            paidAt: new Date(renewedAt.getTime() + r.int(5, 600) * 1000), resourceIds: group.map((g) => g.resourceId),
            periodType: yearly ? 3 : 2, periodNum, serviceTypeCode: type.serviceTypeCode,
          });
          expireAt = addMonths(expireAt, months);
        }
        for (const g of group) resources.push({ ...g, expireAt });
      } else {
        const type = r.pick(onDemandTypes);
        const deletedAt = r.chance(0.2) ? new Date(createdAt.getTime() + Math.floor(r.next() * (this.now.getTime() - createdAt.getTime()))) : null;
        resources.push(this.resource(r, type, regionCode, 3, createdAt, null, null, null, deletedAt));
      }
    }
    orders.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return { resources, orders };
  }

  private resource(
    r: Random, type: ResourceTypeDef, regionCode: string, chargeMode: 1 | 3, createdAt: Date,
    parentResourceId: string | null, orderId: string | null, expireAt: Date | null, deletedAt: Date | null = null,
  ): InventoryResource {
    return {
      resourceId: r.uuid(), parentResourceId, resourceType: type, regionCode, chargeMode, spec: r.pick(type.specs),
      resourceName: `${type.code.split('.').pop()}-${r.hex(6)}`, createdAt, orderId, expireAt, deletedAt,
      intensity: r.int(1, 100),
    };
  }
}

/** Order ids look like `CS2403151234ABCDE`: `CS`, yyMMddHHmm (UTC+8), five letters or digits. */
function orderIdAt(date: Date, r: Random): string {
  const beijing = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  const stamp = beijing.slice(2, 4) + beijing.slice(5, 7) + beijing.slice(8, 10) + beijing.slice(11, 13) + beijing.slice(14, 16);
  return `CS${stamp}${r.alnum(5)}`;
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export { utc as formatUtc };
