/**
 * Coupon quotas and coupons (bss-api-partners.md §1.7–§1.11, §3). The distributor holds quotas granted
 * by Huawei; it carves reseller quotas out of its voucher quota (the `parent_quota_id` tree); each
 * quota's owner issues coupons from it to its resale customers. Every amount is accounted: a quota's
 * balance is its value less what it issued (coupons, reseller quotas) plus what came back (reclaimed
 * coupons and reseller quotas), and a coupon's balance is its face value less what orders consumed.
 *
 * The partner side (quotas, issued coupons, their logs) is generated together on first use, sized by
 * the number of resale customers; coupons customers got from Huawei campaigns and coupons the partners
 * themselves hold are generated per holder when first asked for.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { Random } from '../random.js';
import type { Localized } from '../reference.js';
import type { CustomerRecord, World } from '../world.js';
import type { CustomerDirectory, ScopeId } from './directory.js';
import { addDays, between, DAY, HOUR, stamp } from './time.js';
import { D } from './trade-types.js';

const ZERO = new Money(0);
const cents = (n: number): Decimal => new Money(n).div(100);

/** Restriction keys. [inferred] The service-type key's name was cut off in Huawei's docs (§4). */
export const LIMIT_SERVICE_TYPE = 'cloudServiceType';
export const LIMIT_PRODUCT = 'productId';

export interface QuotaLimit {
  readonly key: string;
  readonly values: readonly { readonly value1: string; readonly value2: string }[];
}

export interface QuotaState {
  readonly quotaId: string;
  /** 0 voucher quota, 1 cash-coupon quota. */
  readonly quotaType: 0 | 1;
  /** Who issues from it: the distributor (null) or a reseller. */
  readonly owner: ScopeId;
  readonly parentQuotaId: string | null;
  readonly createTime: Date;
  lastUpdateTime: Date;
  value: Decimal;
  balance: Decimal;
  /** As stored: 0 normal, 4 being adjusted, 5 frozen, 6 reclaimed. "3 invalid" is derived from the expiry. */
  status: 0 | 4 | 5 | 6;
  readonly effectiveTime: Date;
  readonly expireTime: Date;
  readonly limits: readonly QuotaLimit[];
  readonly planId: string;
}

export interface QuotaRecordState {
  readonly id: string;
  readonly operator: string;
  /** `"10"` issue, `"11"` reclaim. */
  readonly operationType: '10' | '11';
  readonly quotaId: string;
  readonly parentQuotaId: string;
  readonly amount: Decimal;
  readonly time: Date;
  readonly result: '0' | '-1';
  readonly resellerId: string;
  readonly remark: string;
}

export interface CouponEvent {
  readonly kind: 'issue' | 'use' | 'reclaim';
  readonly time: Date;
  readonly amount: Decimal;
  readonly balanceAfter: Decimal;
  /** The coupon record for issue/reclaim, the order for a use. */
  readonly tradeId: string;
}

export interface UseLimit {
  readonly id: string;
  readonly key: string;
  readonly value1: string;
  readonly value2: string;
}

export interface CouponState {
  readonly couponId: string;
  readonly couponCode: string;
  /** The quota it was issued from; null for coupons Huawei issued. */
  readonly quotaId: string | null;
  readonly quotaType: 0 | 1 | null;
  /** 1 voucher, 2 discount, 3 product, 4 cash coupon. */
  readonly couponType: 1 | 2 | 3 | 4;
  /** The partner scope that issued it; 'huawei' for campaign coupons. */
  readonly issuer: ScopeId | 'huawei';
  /** A customer id, or a partner's id for coupons the partner itself holds. */
  readonly holderId: string;
  readonly holderKind: 'customer' | 'partner';
  /** §3.5 `source_id`: the issuing partner's id, or the campaign's plan id. */
  readonly sourceId: string;
  readonly faceValue: Decimal;
  balance: Decimal;
  readonly createTime: Date;
  readonly effectiveTime: Date;
  readonly expireTime: Date;
  reclaimedAt: Date | null;
  orderId: string;
  lastUsedTime: Date | null;
  readonly planId: string;
  readonly planName: Localized;
  readonly promotionId: string;
  /** 1 claimed online, 2 exchanged online, 3 issued online, 4 offline, 5 event gift. */
  readonly fetchMethod: number;
  readonly useLimits: readonly UseLimit[];
  readonly memo: string;
  readonly events: CouponEvent[];
}

export interface CouponRecordState {
  readonly id: string;
  /** `1` issue, `2` manual reclaim, … (§3.4). */
  readonly operationType: string;
  readonly quotaId: string;
  readonly quotaType: 0 | 1;
  readonly couponId: string;
  readonly customerId: string;
  readonly amount: Decimal;
  readonly time: Date;
  readonly result: '0' | '-1';
  readonly remark: string;
  readonly issuer: ScopeId;
}

export interface IssueSpec {
  readonly faceValue: Decimal;
  readonly validTime: Date;
  readonly expireTime: Date;
  readonly serviceTypes: readonly string[] | null;
  readonly productIds: readonly string[] | null;
  readonly memo: string;
}

const PLAN_NAMES: Record<0 | 1, Localized> = {
  0: { zh_CN: '合作伙伴代金券', en_US: 'Partner cash coupon' },
  1: { zh_CN: '合作伙伴现金券', en_US: 'Partner flexi-purchase coupon' },
};
const CAMPAIGN_NAMES: readonly Localized[] = [
  { zh_CN: '新用户专享代金券', en_US: 'New customer cash coupon' },
  { zh_CN: '云豆兑换代金券', en_US: 'Cloud bean exchange coupon' },
  { zh_CN: '累计消费赠券', en_US: 'Cumulative spending gift coupon' },
];

interface PartnerSide {
  readonly quotas: QuotaState[];
  readonly quotaById: Map<string, QuotaState>;
  readonly quotaRecords: QuotaRecordState[];
  readonly coupons: CouponState[];
  readonly couponById: Map<string, CouponState>;
  readonly couponsByHolder: Map<string, CouponState[]>;
  readonly couponRecords: CouponRecordState[];
}

export class CouponBook {
  private side: PartnerSide | null = null;
  private readonly campaign = new Map<string, CouponState[]>();
  private readonly partnerHeld = new Map<ScopeId, CouponState[]>();

  constructor(
    private readonly world: World,
    private readonly directory: CustomerDirectory,
  ) {}

  // ---- reads -------------------------------------------------------------------------------------

  quotas(): readonly QuotaState[] {
    return this.partner().quotas;
  }

  quota(quotaId: string): QuotaState | undefined {
    return this.partner().quotaById.get(quotaId);
  }

  quotaRecords(): readonly QuotaRecordState[] {
    return this.partner().quotaRecords;
  }

  /** Coupons issued by partners (any scope), oldest first. */
  issuedCoupons(): readonly CouponState[] {
    return this.partner().coupons;
  }

  coupon(couponId: string): CouponState | undefined {
    return this.partner().couponById.get(couponId);
  }

  couponRecords(): readonly CouponRecordState[] {
    return this.partner().couponRecords;
  }

  /** Every coupon a customer holds: from its partner and from Huawei campaigns. */
  heldByCustomer(customer: CustomerRecord): CouponState[] {
    return [...(this.partner().couponsByHolder.get(customer.customerId) ?? []), ...this.campaignCoupons(customer)];
  }

  /** Coupons a partner scope holds itself (granted by Huawei). */
  heldByPartner(scope: ScopeId): readonly CouponState[] {
    let list = this.partnerHeld.get(scope);
    if (!list) {
      list = this.generatePartnerHeld(scope);
      this.partnerHeld.set(scope, list);
    }
    return list;
  }

  /** Status at `now`: 1 not activated, 2 usable, 3 used up, 4 expired, 5 reclaimed. */
  static status(coupon: CouponState, now: Date): 1 | 2 | 3 | 4 | 5 {
    if (coupon.reclaimedAt) return 5;
    if (coupon.balance.lte(0)) return 3;
    if (now < coupon.effectiveTime) return 1;
    if (now >= coupon.expireTime) return 4;
    return 2;
  }

  /** Quota status at `now`: an expired normal quota reads as 3 (invalid). */
  static quotaStatus(quota: QuotaState, now: Date): 0 | 3 | 4 | 5 | 6 {
    return quota.status === 0 && now >= quota.expireTime ? 3 : quota.status;
  }

  // ---- writes ------------------------------------------------------------------------------------

  /** §1.9: a new reseller quota worth `amount`, carved out of the distributor's `parent`. */
  issueQuota(parent: QuotaState, resellerId: string, amount: Decimal, now: Date, r: Random): QuotaState {
    const side = this.partner();
    const child: QuotaState = {
      quotaId: quotaIdAt(now, r), quotaType: parent.quotaType, owner: resellerId, parentQuotaId: parent.quotaId, createTime: now,
      lastUpdateTime: now, value: amount, balance: amount, status: 0, effectiveTime: now, expireTime: parent.expireTime,
      limits: parent.limits, planId: parent.planId,
    };
    parent.balance = parent.balance.minus(amount);
    parent.lastUpdateTime = now;
    side.quotas.push(child);
    side.quotaById.set(child.quotaId, child);
    side.quotaRecords.push(this.quotaRecord(r, '10', child, amount, now, ''));
    return child;
  }

  /** §1.10: the reseller quota's remaining balance goes back to its parent; the quota is reclaimed. */
  reclaimQuota(child: QuotaState, remark: string, now: Date, r: Random): Decimal {
    const side = this.partner();
    const parent = side.quotaById.get(child.parentQuotaId!)!;
    const returned = child.balance;
    parent.balance = parent.balance.plus(returned);
    parent.lastUpdateTime = now;
    child.balance = ZERO;
    child.status = 6;
    child.lastUpdateTime = now;
    side.quotaRecords.push(this.quotaRecord(r, '11', child, returned, now, remark));
    return child.balance;
  }

  /** §3.2: one coupon from `quota` to `customer`. The caller checked the quota balance. */
  issueCoupon(quota: QuotaState, customer: CustomerRecord, spec: IssueSpec, now: Date, r: Random): CouponState {
    const side = this.partner();
    const limits: QuotaLimit[] = quota.limits.filter((l) => !(spec.serviceTypes && l.key === LIMIT_SERVICE_TYPE) && !(spec.productIds && l.key === LIMIT_PRODUCT));
    if (spec.serviceTypes) limits.push({ key: LIMIT_SERVICE_TYPE, values: spec.serviceTypes.map((v) => ({ value1: v, value2: '' })) });
    if (spec.productIds) limits.push({ key: LIMIT_PRODUCT, values: [{ value1: spec.productIds.join(','), value2: '' }] });
    const coupon = this.newCoupon(r, quota, customer.customerId, now, spec.validTime, spec.expireTime, spec.faceValue, limits, spec.memo);
    this.addIssued(side, coupon, quota, r, now);
    return coupon;
  }

  /** §3.3: the coupon's remaining value goes back to its quota. */
  reclaimCoupon(coupon: CouponState, now: Date, r: Random): void {
    const side = this.partner();
    const quota = side.quotaById.get(coupon.quotaId!)!;
    const amount = coupon.balance;
    quota.balance = quota.balance.plus(amount);
    quota.lastUpdateTime = now;
    coupon.balance = ZERO;
    coupon.reclaimedAt = now;
    const record = this.couponRecord(r, '2', coupon, quota, amount, now, '');
    side.couponRecords.push(record);
    coupon.events.push({ kind: 'reclaim', time: now, amount, balanceAfter: ZERO, tradeId: record.id });
  }

  // ---- generation --------------------------------------------------------------------------------

  private partner(): PartnerSide {
    if (!this.side) this.side = this.generate();
    return this.side;
  }

  private generate(): PartnerSide {
    const now = this.world.now;
    const r = this.world.random('coupons:distributor');
    const side: PartnerSide = {
      quotas: [], quotaById: new Map(), quotaRecords: [], coupons: [], couponById: new Map(), couponsByHolder: new Map(), couponRecords: [],
    };
    const add = (q: QuotaState): QuotaState => {
      side.quotas.push(q);
      side.quotaById.set(q.quotaId, q);
      return q;
    };
    const base = (type: 0 | 1, effDays: number, expDays: number, status: QuotaState['status'], limits: QuotaLimit[]): QuotaState => {
      const effectiveTime = addDays(now, effDays);
      return {
        quotaId: quotaIdAt(effectiveTime, r), quotaType: type, owner: null, parentQuotaId: null, createTime: addDays(effectiveTime, -1),
        lastUpdateTime: effectiveTime, value: ZERO, balance: ZERO, status, effectiveTime, expireTime: addDays(now, expDays), limits,
        planId: `PP${r.hex(16)}`,
      };
    };
    // The distributor's quotas from Huawei: the current voucher quota, an expired one, a cash-coupon
    // quota restricted to compute and storage, and a frozen one.
    const current = add(base(0, -300, 65, 0, []));
    const expired = add(base(0, -700, -335, 0, [{ key: 'chargeScene', values: [{ value1: '0', value2: '' }] }]));
    const cash = add(base(1, -120, 245, 0, [{ key: LIMIT_SERVICE_TYPE, values: [{ value1: 'hws.service.type.ec2', value2: '' }, { value1: 'hws.service.type.ebs', value2: '' }] }]));
    const frozen = add(base(0, -60, 300, 5, []));

    const spent = new Map<QuotaState, Decimal>([[current, ZERO], [expired, ZERO], [cash, ZERO], [frozen, ZERO]]);
    const spend = (q: QuotaState, amount: Decimal): void => void spent.set(q, (spent.get(q) ?? ZERO).plus(amount));

    // Reseller quotas, issued out of the current voucher quota; some reclaimed since.
    for (const reseller of this.world.resellers) {
      const rr = this.world.random(`coupons:reseller:${reseller.indirectPartnerId}`);
      for (let n = rr.weighted([[0, 15], [1, 65], [2, 20]]); n > 0; n--) {
        const created = between(addDays(current.effectiveTime, 10), addDays(now, -5), rr.next());
        const reclaimedAt = rr.chance(0.15) ? between(addDays(created, 5), addDays(now, -1), rr.next()) : null;
        const child: QuotaState = {
          quotaId: quotaIdAt(created, rr), quotaType: 0, owner: reseller.indirectPartnerId, parentQuotaId: current.quotaId, createTime: created,
          lastUpdateTime: reclaimedAt ?? created, value: ZERO, balance: ZERO, status: 0, effectiveTime: created, expireTime: current.expireTime,
          limits: current.limits, planId: current.planId,
        };
        add(child);
        const used = this.generateCoupons(side, child, 0.4, rr, reclaimedAt ?? new Date(Math.min(child.expireTime.getTime(), now.getTime() - HOUR)));
        const remainder = new Money(rr.int(5, 100) * 100);
        child.value = used.plus(remainder);
        spend(current, child.value);
        side.quotaRecords.push(this.quotaRecord(rr, '10', child, child.value, created, ''));
        if (reclaimedAt) {
          side.quotaRecords.push(this.quotaRecord(rr, '11', child, remainder, reclaimedAt, ''));
          spend(current, remainder.neg());
          child.status = 6;
        } else {
          child.balance = remainder;
        }
      }
    }
    // The distributor's own coupons, to its own resale customers.
    for (const [q, rate] of [[current, 0.3], [expired, 0.15], [cash, 0.1]] as const) {
      spend(q, this.generateCoupons(side, q, rate, r, new Date(Math.min(q.expireTime.getTime(), now.getTime() - HOUR))));
    }
    for (const q of [current, expired, cash, frozen]) {
      const remainder = new Money(r.int(20, 500) * 1000);
      q.value = spent.get(q)!.plus(remainder);
      q.balance = remainder;
    }
    side.quotaRecords.sort(byTime);
    side.couponRecords.sort(byTime);
    side.coupons.sort((a, b) => a.createTime.getTime() - b.createTime.getTime());
    return side;
  }

  /**
   * Coupons from quota `q` to the resale customers of its owner, issued before `until`. Returns what
   * the quota gave net of reclaims. About one in twenty goes to a consultative customer: Partner Center
   * shows those, §3.1 does not, and §3.3 refuses to reclaim them.
   */
  private generateCoupons(side: PartnerSide, q: QuotaState, rate: number, r: Random, until: Date): Decimal {
    const customers = this.directory.inScope(q.owner).filter((c) => !this.directory.isCreated(c.customerId));
    const resale = customers.filter((c) => c.associationType === '2');
    const consultative = customers.filter((c) => c.associationType === '1');
    if (resale.length === 0 || until <= q.effectiveTime) return ZERO;
    const count = Math.min(2000, Math.max(1, Math.round(resale.length * rate)));
    let net = ZERO;
    for (let i = 0; i < count; i++) {
      const holder = consultative.length > 0 && r.chance(0.05) ? r.pick(consultative) : r.pick(resale);
      const issued = between(q.effectiveTime, until, r.next());
      const face = r.chance(0.85) ? new Money(r.pick([50, 100, 200, 300, 500, 1000, 2000])) : cents(r.int(1_000, 300_000));
      const expire = new Date(Math.min(q.expireTime.getTime(), addDays(issued, r.pick([90, 180, 365])).getTime()));
      const coupon = this.newCoupon(r, q, holder.customerId, issued, issued, expire, face, [...q.limits], '');
      this.addIssued(side, coupon, q, r, issued, false);
      net = net.plus(face);
      const outcome = r.next();
      const horizon = new Date(Math.min(expire.getTime(), this.world.now.getTime()));
      if (outcome < 0.07) {
        // Reclaimed unused: the face value returns to the quota (before the quota itself was reclaimed).
        const at = between(issued, new Date(Math.min(horizon.getTime(), until.getTime())), r.next());
        coupon.balance = ZERO;
        coupon.reclaimedAt = at;
        const record = this.couponRecord(r, '2', coupon, q, face, at, '');
        side.couponRecords.push(record);
        coupon.events.push({ kind: 'reclaim', time: at, amount: face, balanceAfter: ZERO, tradeId: record.id });
        net = net.minus(face);
      } else if (outcome < 0.72) {
        // Used on one of the holder's paid orders, in full or in part.
        const order = this.world.inventoryOf(holder.customerId).orders.find(
          (o) => o.status === 5 && o.paidAt !== null && o.paidAt > issued && o.paidAt < horizon,
        );
        if (order?.paidAt) {
          const amount = r.chance(0.4) ? face : cents(face.times(r.int(10, 90)).floor().toNumber());
          coupon.balance = face.minus(amount);
          coupon.orderId = order.orderId;
          coupon.lastUsedTime = order.paidAt;
          coupon.events.push({ kind: 'use', time: order.paidAt, amount, balanceAfter: coupon.balance, tradeId: order.orderId });
        }
      }
    }
    return net;
  }

  private newCoupon(
    r: Random, q: QuotaState, holderId: string, created: Date, effective: Date, expire: Date, face: Decimal, limits: QuotaLimit[], memo: string,
  ): CouponState {
    const couponId = `CP${stamp(created)}${r.alnum(8)}`;
    return {
      couponId, couponCode: r.alnum(16), quotaId: q.quotaId, quotaType: q.quotaType, couponType: q.quotaType === 1 ? 4 : 1,
      issuer: q.owner, holderId, holderKind: 'customer', sourceId: q.owner ?? this.world.partner.domainId, faceValue: face, balance: face,
      createTime: created, effectiveTime: effective, expireTime: expire, reclaimedAt: null, orderId: '', lastUsedTime: null, planId: q.planId,
      planName: PLAN_NAMES[q.quotaType], promotionId: '', fetchMethod: 3, useLimits: useLimits(couponId, limits), memo, events: [],
    };
  }

  /** Books a freshly issued coupon: indexes, the quota's balance (for writes), the issue record. */
  private addIssued(side: PartnerSide, coupon: CouponState, q: QuotaState, r: Random, at: Date, debitQuota = true): void {
    side.coupons.push(coupon);
    side.couponById.set(coupon.couponId, coupon);
    const held = side.couponsByHolder.get(coupon.holderId);
    if (held) held.push(coupon);
    else side.couponsByHolder.set(coupon.holderId, [coupon]);
    if (debitQuota) {
      q.balance = q.balance.minus(coupon.faceValue);
      q.lastUpdateTime = at;
    }
    const record = this.couponRecord(r, '1', coupon, q, coupon.faceValue, at, coupon.memo);
    side.couponRecords.push(record);
    coupon.events.push({ kind: 'issue', time: at, amount: coupon.faceValue, balanceAfter: coupon.faceValue, tradeId: record.id });
  }

  private campaignCoupons(customer: CustomerRecord): CouponState[] {
    let list = this.campaign.get(customer.customerId);
    if (list) return list;
    list = [];
    if (!this.directory.isCreated(customer.customerId)) {
      const r = this.world.random(`coupons:campaign:${customer.customerId}`);
      if (r.chance(0.3)) list.push(this.huaweiCoupon(r, customer.customerId, 'customer', Date.parse(customer.associatedOn)));
    }
    this.campaign.set(customer.customerId, list);
    return list;
  }

  private generatePartnerHeld(scope: ScopeId): CouponState[] {
    const key = scope ?? 'distributor';
    const r = this.world.random(`coupons:held:${key}`);
    const holderId = scope ?? this.world.partner.domainId;
    const since = scope === null ? this.world.now.getTime() - 700 * DAY : Date.parse(this.world.reseller(scope)?.associatedOn ?? this.world.now.toISOString());
    return Array.from({ length: scope === null ? r.int(2, 4) : r.int(0, 3) }, () => this.huaweiCoupon(r, holderId, 'partner', since));
  }

  /** A coupon from a Huawei campaign: its source is the campaign's plan. */
  private huaweiCoupon(r: Random, holderId: string, holderKind: 'customer' | 'partner', sinceMillis: number): CouponState {
    const now = this.world.now;
    const created = between(new Date(Math.max(sinceMillis, now.getTime() - 500 * DAY)), addDays(now, -1), r.next());
    const face = new Money(r.pick([10, 20, 50, 100, 200, 500]));
    const planId = `HWPLAN${r.hex(12)}`;
    const couponId = `CP${stamp(created)}${r.alnum(8)}`;
    const coupon: CouponState = {
      couponId, couponCode: r.alnum(16), quotaId: null, quotaType: null, couponType: r.chance(0.8) ? 1 : 4, issuer: 'huawei', holderId, holderKind,
      sourceId: planId, faceValue: face, balance: face, createTime: created, effectiveTime: created, expireTime: addDays(created, r.pick([30, 90, 180])),
      reclaimedAt: null, orderId: '', lastUsedTime: null, planId, planName: r.pick(CAMPAIGN_NAMES), promotionId: `PM${r.hex(12)}`,
      fetchMethod: r.pick([1, 2, 5]), useLimits: useLimits(couponId, [{ key: 'chargeScene', values: [{ value1: '6', value2: '' }] }]), memo: '', events: [],
    };
    coupon.events.push({ kind: 'issue', time: created, amount: face, balanceAfter: face, tradeId: couponId });
    return coupon;
  }

  private quotaRecord(r: Random, operationType: '10' | '11', child: QuotaState, amount: Decimal, time: Date, remark: string): QuotaRecordState {
    return {
      id: r.hex(32), operator: this.world.partner.domainName, operationType, quotaId: child.quotaId, parentQuotaId: child.parentQuotaId ?? '',
      amount, time, result: '0', resellerId: child.owner ?? '', remark,
    };
  }

  private couponRecord(r: Random, operationType: string, coupon: CouponState, q: QuotaState, amount: Decimal, time: Date, remark: string): CouponRecordState {
    return {
      id: r.hex(32), operationType, quotaId: q.quotaId, quotaType: q.quotaType, couponId: coupon.couponId, customerId: coupon.holderId, amount,
      time, result: '0', remark, issuer: q.owner,
    };
  }
}

/** The coupon-ledger detail type of an event (§3.6). */
export function couponEventDetail(kind: CouponEvent['kind'] | 'expire'): string {
  switch (kind) {
    case 'issue':
      return D.PRIZE;
    case 'use':
      return D.DEDEUCT;
    case 'reclaim':
      return D.COUPONCANCEL;
    default:
      return D.EXPIRECLEAR;
  }
}

function quotaIdAt(at: Date, r: Random): string {
  return `QT${stamp(at)}${r.alnum(6)}`;
}

function useLimits(couponId: string, limits: readonly QuotaLimit[]): UseLimit[] {
  const out: UseLimit[] = [];
  limits.forEach((l, i) =>
    l.values.forEach((v, j) => out.push({ id: `${couponId}-${i + 1}-${j + 1}`, key: l.key, value1: v.value1, value2: v.value2 })),
  );
  return out;
}

function byTime(a: { time: Date }, b: { time: Date }): number {
  return a.time.getTime() - b.time.getTime();
}
