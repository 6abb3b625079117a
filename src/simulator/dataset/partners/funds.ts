/**
 * Money in the partner's world: the distributor's and each reseller's accounts (§1.2), customers' cash
 * accounts (§2.5, §2.6), the transfers between them (§1.3, §1.4, §2.8, §2.9, logged by §1.5) and the
 * ledgers whose `balance_after_change` chains end at those balances (§1.6, §2.7).
 *
 * One plan of transfers per resale customer, generated from the seed and the customer id, is the single
 * source both sides read: the customer's ledger shows an allocation as income, the paying partner's
 * ledger and adjust log show the same transfer id as expense. A partner scope's history is every
 * transfer of its customers plus its own funding; a customer's history is its transfers plus its
 * consumption, which is generated so that the balance never goes negative and a later reclaim is always
 * covered. Accounts are built on first use; a partner scope needs only the cheap transfer plans of its
 * customers, never their consumption.
 *
 * Writes append to the materialised accounts, so later reads see them.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { Random } from '../random.js';
import { SERVICE_TYPES } from '../reference.js';
import type { CustomerRecord, World } from '../world.js';
import type { CustomerDirectory, ScopeId } from './directory.js';
import { insufficientBalance } from './errors.js';
import { digest, transferId } from './ids.js';
import { addDays, between, DAY, HOUR, stamp, utc } from './time.js';
import { D } from './trade-types.js';

const ZERO = new Money(0);
const cents = (n: number): Decimal => new Money(n).div(100);
/** Generated history reaches this far back: a little more than the one-year ledger window. */
const HISTORY_DAYS = 400;

export interface LedgerEntry {
  /** Which ledger the row belongs to; with the trade id it makes the row's `account_change_id`. */
  readonly ledgerKey: string;
  readonly detailType: string;
  readonly time: Date;
  /** A transfer id, a transaction id or an order id. */
  readonly tradeId: string;
  /** Magnitude of the change; `income` says which way it went. */
  readonly amount: Decimal;
  readonly income: boolean;
  readonly balanceAfter: Decimal;
  /** Partner ledgers: the other party of an allocation or reclaim (a customer, a reseller, the distributor). */
  readonly counterpartId?: string;
  readonly counterpartName?: string;
  /** Customer ledgers. */
  readonly paymentChannelId?: string;
  readonly paymentChannelNo?: string;
  readonly serviceTypeCode?: string;
  readonly consumeTime?: string;
}

/** One allocation (`adjust`) or reclaim between a partner scope and a customer or a reseller. */
export interface Transfer {
  readonly transId: string;
  readonly kind: 'adjust' | 'reclaim';
  readonly time: Date;
  readonly amount: Decimal;
  /** The partner side: the distributor (`null`) or the reseller that paid or received. */
  readonly scope: ScopeId;
  readonly targetId: string;
  readonly targetKind: 'customer' | 'reseller';
}

export interface ScopeAccount {
  readonly scope: ScopeId;
  readonly cashAccountId: string;
  readonly allocatableAccountId: string;
  readonly creditAccountId: string | null;
  readonly bonusAccountId: string | null;
  cash: Decimal;
  /** Earmarked cash that cannot be allocated (§1.2 `designated_amount`). */
  readonly designated: Decimal;
  readonly creditLimit: Decimal | null;
  readonly bonus: Decimal | null;
  /** BALANCE_TYPE_DEBIT, oldest first. */
  readonly ledger: LedgerEntry[];
  /** BALANCE_TYPE_CREDIT, oldest first. */
  readonly creditLedger: LedgerEntry[];
  /** The §1.5 adjust log of this scope, oldest first. */
  readonly transfers: Transfer[];
}

export interface CustomerAccount {
  readonly customerId: string;
  readonly accountId: string;
  cash: Decimal;
  /** Arrears: consumption the cash could not cover. */
  debt: Decimal;
  /** BALANCE_TYPE_DEBIT, oldest first. Resale customers have no credit account. */
  readonly ledger: LedgerEntry[];
}

/** A change before it is chained into a ledger. */
interface Movement extends Omit<LedgerEntry, 'ledgerKey' | 'balanceAfter' | 'amount' | 'income'> {
  readonly delta: Decimal;
}

interface ResellerBase {
  readonly customerTransfers: Transfer[];
  /** Distributor ↔ reseller transfers, with `scope` = null (the distributor pays). */
  readonly upstream: Transfer[];
  readonly movements: Movement[];
}

export class FundsBook {
  private readonly plans = new Map<string, Transfer[]>();
  private readonly resellerBases = new Map<string, ResellerBase>();
  private readonly scopes = new Map<ScopeId, ScopeAccount>();
  private readonly customers = new Map<string, CustomerAccount>();

  constructor(
    private readonly world: World,
    private readonly directory: CustomerDirectory,
  ) {}

  // ---- reads -------------------------------------------------------------------------------------

  /** The account of the distributor (`null`) or of a reseller that exists in the world. */
  scopeAccount(scope: ScopeId): ScopeAccount {
    let account = this.scopes.get(scope);
    if (!account) {
      account = scope === null ? this.buildDistributor() : this.buildReseller(scope);
      this.scopes.set(scope, account);
    }
    return account;
  }

  customerAccount(customer: CustomerRecord): CustomerAccount {
    let account = this.customers.get(customer.customerId);
    if (!account) {
      account = this.buildCustomer(customer);
      this.customers.set(customer.customerId, account);
    }
    return account;
  }

  // ---- writes ------------------------------------------------------------------------------------
  // `ids` is drawn only once a write is accepted, so a refused write leaves the store exactly as it was.

  /** §2.8: from the scope's allocatable cash to a resale customer. */
  adjustToCustomer(scope: ScopeId, customer: CustomerRecord, amount: Decimal, now: Date, ids: () => Random): Transfer {
    const account = this.scopeAccount(scope);
    const target = this.customerAccount(customer);
    if (amount.gt(account.cash.minus(account.designated))) throw insufficientBalance();
    const transfer = this.record(account, { transId: transferId('AD', now, ids()), kind: 'adjust', time: now, amount, scope, targetId: customer.customerId, targetKind: 'customer' });
    this.post(account, scopeKey(scope), { detailType: D.BEADJUST, time: now, tradeId: transfer.transId, delta: amount.neg(), counterpartId: customer.customerId, counterpartName: customer.accountName });
    this.postCustomer(target, { detailType: D.BEADJUST, time: now, tradeId: transfer.transId, delta: amount });
    return transfer;
  }

  /** §2.9: back from a resale customer's cash to the scope; never more than the customer holds. */
  reclaimFromCustomer(scope: ScopeId, customer: CustomerRecord, amount: Decimal, now: Date, ids: () => Random): Transfer {
    const account = this.scopeAccount(scope);
    const source = this.customerAccount(customer);
    if (amount.gt(source.cash)) throw insufficientBalance();
    const transfer = this.record(account, { transId: transferId('RE', now, ids()), kind: 'reclaim', time: now, amount, scope, targetId: customer.customerId, targetKind: 'customer' });
    this.post(account, scopeKey(scope), { detailType: D.BERETRIEVE, time: now, tradeId: transfer.transId, delta: amount, counterpartId: customer.customerId, counterpartName: customer.accountName });
    this.postCustomer(source, { detailType: D.BERETRIEVE, time: now, tradeId: transfer.transId, delta: amount.neg() });
    return transfer;
  }

  /** §1.3: from the distributor's allocatable cash to a reseller. */
  adjustToReseller(resellerId: string, amount: Decimal, now: Date, ids: () => Random): Transfer {
    const distributor = this.scopeAccount(null);
    const reseller = this.scopeAccount(resellerId);
    if (amount.gt(distributor.cash.minus(distributor.designated))) throw insufficientBalance();
    const transfer = this.record(distributor, { transId: transferId('AD', now, ids()), kind: 'adjust', time: now, amount, scope: null, targetId: resellerId, targetKind: 'reseller' });
    const { name } = this.resellerParty(resellerId);
    this.post(distributor, scopeKey(null), { detailType: D.BEADJUST, time: now, tradeId: transfer.transId, delta: amount.neg(), counterpartId: resellerId, counterpartName: name });
    this.post(reseller, scopeKey(resellerId), { detailType: D.BEADJUST, time: now, tradeId: transfer.transId, delta: amount, ...this.distributorParty() });
    return transfer;
  }

  /** §1.4: back from a reseller to the distributor; never more than the reseller's balance. */
  reclaimFromReseller(resellerId: string, amount: Decimal, now: Date, ids: () => Random): Transfer {
    const distributor = this.scopeAccount(null);
    const reseller = this.scopeAccount(resellerId);
    if (amount.gt(reseller.cash)) throw insufficientBalance();
    const transfer = this.record(distributor, { transId: transferId('RE', now, ids()), kind: 'reclaim', time: now, amount, scope: null, targetId: resellerId, targetKind: 'reseller' });
    const { name } = this.resellerParty(resellerId);
    this.post(distributor, scopeKey(null), { detailType: D.BERETRIEVE, time: now, tradeId: transfer.transId, delta: amount, counterpartId: resellerId, counterpartName: name });
    this.post(reseller, scopeKey(resellerId), { detailType: D.BERETRIEVE, time: now, tradeId: transfer.transId, delta: amount.neg(), ...this.distributorParty() });
    return transfer;
  }

  /** A customer pays (an order): cash down, a consumption row in its ledger. */
  debit(customer: CustomerRecord, amount: Decimal, tradeId: string, at: Date): void {
    const account = this.customerAccount(customer);
    if (amount.gt(account.cash)) throw insufficientBalance();
    this.postCustomer(account, { detailType: D.DEDEUCT, time: at, tradeId, delta: amount.neg(), consumeTime: utc(at) });
  }

  /** An unsubscription refund (§3.4): cash up, a refund row (`SOURCE_OPERAIION_UNSUBSCRIBE`) under the order id. */
  refund(customer: CustomerRecord, amount: Decimal, tradeId: string, at: Date): void {
    const account = this.customerAccount(customer);
    this.postCustomer(account, { detailType: D.UNSUBSCRIBE, time: at, tradeId, delta: amount });
  }

  // ---- generation --------------------------------------------------------------------------------

  /** The generated allocations (and at most one reclaim) between a resale customer and its partner. */
  plannedTransfers(customer: CustomerRecord): Transfer[] {
    if (customer.associationType !== '2' || this.directory.isCreated(customer.customerId)) return [];
    let plan = this.plans.get(customer.customerId);
    if (plan) return plan;
    plan = [];
    const r = this.world.random(`funds:transfers:${customer.customerId}`);
    const start = new Date(Math.max(Date.parse(customer.associatedOn), this.world.now.getTime() - HISTORY_DAYS * DAY));
    const end = new Date(this.world.now.getTime() - 2 * HOUR);
    const count = r.weighted([[0, 10], [1, 35], [2, 25], [3, 18], [5, 12]]);
    if (end > start && count > 0) {
      const times = Array.from({ length: count }, () => between(start, end, r.next())).sort((a, b) => a.getTime() - b.getTime());
      let total = ZERO;
      for (const time of times) {
        // Partners mostly allocate round sums.
        const amount = r.chance(0.8) ? new Money(r.int(1, 200) * 100) : cents(r.int(10_000, 2_000_000));
        total = total.plus(amount);
        plan.push({ transId: transferId('AD', time, r), kind: 'adjust', time, amount, scope: customer.indirectPartnerId, targetId: customer.customerId, targetKind: 'customer' });
      }
      if (r.chance(0.15)) {
        const time = between(times[times.length - 1]!, end, r.next());
        const amount = cents(total.times(r.int(10, 50)).floor().toNumber());
        if (amount.gt(0)) plan.push({ transId: transferId('RE', time, r), kind: 'reclaim', time, amount, scope: customer.indirectPartnerId, targetId: customer.customerId, targetKind: 'customer' });
      }
    }
    this.plans.set(customer.customerId, plan);
    return plan;
  }

  private scopeCustomerTransfers(scope: ScopeId): Transfer[] {
    const list: Transfer[] = [];
    for (const c of this.directory.inScope(scope)) for (const t of this.plannedTransfers(c)) list.push(t);
    return list.sort(byTime);
  }

  private resellerBase(resellerId: string): ResellerBase {
    let base = this.resellerBases.get(resellerId);
    if (base) return base;
    const r = this.world.random(`funds:reseller:${resellerId}`);
    const now = this.world.now;
    const customerTransfers = this.scopeCustomerTransfers(resellerId);
    const movements: Movement[] = customerTransfers.map((t) => this.scopeSide(t));
    const earliest = customerTransfers[0]?.time ?? addDays(now, -r.int(60, 300));
    const opensAt = addDays(earliest, -r.int(1, 10));
    const upstream: Transfer[] = [];
    const fund = (time: Date, amount: Decimal, kind: Transfer['kind']): void => {
      upstream.push({ transId: transferId(kind === 'adjust' ? 'AD' : 'RE', time, r), kind, time, amount, scope: null, targetId: resellerId, targetKind: 'reseller' });
    };
    const extras = Array.from({ length: r.int(0, 3) }, () => ({ time: between(opensAt, addDays(now, -1), r.next()), amount: new Money(r.int(50, 500) * 100) }));
    const withExtras = [...movements, ...extras.map((e) => ({ time: e.time, delta: e.amount }))].sort(byTime);
    // The opening allocation covers the deepest dip of everything that follows, plus working funds.
    fund(opensAt, lowestPrefix(withExtras).neg().plus(new Money(r.int(10, 300) * 100)), 'adjust');
    for (const e of extras) fund(e.time, e.amount, 'adjust');
    if (r.chance(0.3)) {
      // A reclaim that leaves every later balance non-negative: a share of the lowest balance after it.
      const time = between(addDays(opensAt, 1), addDays(now, -1), r.next());
      const chain = [...movements, ...upstream.map((t) => ({ time: t.time, delta: t.amount }))].sort(byTime);
      const amount = cents(lowestFrom(chain, time).times(r.int(10, 40)).floor().toNumber());
      if (amount.gt(0)) fund(time, amount, 'reclaim');
    }
    upstream.sort(byTime);
    const distributor = this.distributorParty();
    for (const t of upstream) {
      movements.push({ time: t.time, delta: t.kind === 'adjust' ? t.amount : t.amount.neg(), detailType: t.kind === 'adjust' ? D.BEADJUST : D.BERETRIEVE, tradeId: t.transId, ...distributor });
    }
    movements.sort(byTime);
    base = { customerTransfers, upstream, movements };
    this.resellerBases.set(resellerId, base);
    return base;
  }

  private buildReseller(resellerId: string): ScopeAccount {
    const base = this.resellerBase(resellerId);
    const r = this.world.random(`funds:accounts:${resellerId}`);
    const { entries, balance } = chain(scopeKey(resellerId), base.movements);
    return {
      scope: resellerId, cashAccountId: r.hex(32), allocatableAccountId: r.hex(32), creditAccountId: null, bonusAccountId: null,
      cash: balance, designated: ZERO, creditLimit: null, bonus: null, ledger: entries, creditLedger: [],
      transfers: [...base.customerTransfers],
    };
  }

  private buildDistributor(): ScopeAccount {
    const r = this.world.random('funds:distributor');
    const now = this.world.now;
    const own = this.scopeCustomerTransfers(null);
    const movements: Movement[] = own.map((t) => this.scopeSide(t));
    const upstream: Transfer[] = [];
    for (const reseller of this.world.resellers) {
      const { name } = this.resellerParty(reseller.indirectPartnerId);
      for (const t of this.resellerBase(reseller.indirectPartnerId).upstream) {
        upstream.push(t);
        movements.push({
          time: t.time, delta: t.kind === 'adjust' ? t.amount.neg() : t.amount, detailType: t.kind === 'adjust' ? D.BEADJUST : D.BERETRIEVE,
          tradeId: t.transId, counterpartId: reseller.indirectPartnerId, counterpartName: name,
        });
      }
    }
    const historyStart = addDays(now, -HISTORY_DAYS);
    for (let i = r.int(4, 12); i > 0; i--) {
      const time = between(historyStart, addDays(now, -1), r.next());
      movements.push({ time, delta: new Money(r.int(50, 500) * 1000), detailType: D.RECHARGE, tradeId: `RC${stamp(time)}${r.hex(6)}` });
    }
    movements.sort(byTime);
    const designated = r.chance(0.3) ? ZERO : new Money(r.int(1, 200) * 100);
    // The opening top-up predates everything and covers every dip, the earmarked funds and a reserve.
    const opensAt = addDays(movements[0]?.time ?? historyStart, -1);
    const opening = lowestPrefix(movements).neg().plus(designated).plus(new Money(r.int(20, 300) * 1000));
    movements.unshift({ time: opensAt, delta: opening, detailType: D.RECHARGE, tradeId: `RC${stamp(opensAt)}${r.hex(6)}` });
    const { entries, balance } = chain(scopeKey(null), movements);

    // Credit: a limit granted in two steps, unused, so the available credit equals the limit.
    const creditLimit = new Money(r.int(5, 50) * 10_000);
    const first = creditLimit.times(0.6).floor();
    const creditMoves: Movement[] = [
      { time: addDays(now, -r.int(250, 350)), delta: first, detailType: D.ADJUST_CREDIT, tradeId: `CR${r.hex(18)}` },
      { time: addDays(now, -r.int(30, 200)), delta: creditLimit.minus(first), detailType: D.ADJUST_CREDIT, tradeId: `CR${r.hex(18)}` },
    ];
    const credit = chain(`${scopeKey(null)}:credit`, creditMoves);
    const ids = this.world.random('funds:accounts:distributor');
    return {
      scope: null, cashAccountId: ids.hex(32), allocatableAccountId: ids.hex(32), creditAccountId: ids.hex(32), bonusAccountId: ids.hex(32),
      cash: balance, designated, creditLimit, bonus: cents(r.int(0, 50_000)), ledger: entries, creditLedger: credit.entries,
      transfers: [...own, ...upstream].sort(byTime),
    };
  }

  private buildCustomer(customer: CustomerRecord): CustomerAccount {
    const r = this.world.random(`funds:customer:${customer.customerId}`);
    const accountId = r.hex(32);
    if (this.directory.isCreated(customer.customerId)) return { customerId: customer.customerId, accountId, cash: ZERO, debt: ZERO, ledger: [] };
    const now = this.world.now;
    const start = new Date(Math.max(Date.parse(customer.associatedOn), now.getTime() - HISTORY_DAYS * DAY));
    const end = new Date(now.getTime() - HOUR);
    const inflows: Movement[] = this.plannedTransfers(customer).map((t) => ({
      time: t.time, delta: t.kind === 'adjust' ? t.amount : t.amount.neg(), detailType: t.kind === 'adjust' ? D.BEADJUST : D.BERETRIEVE, tradeId: t.transId,
    }));
    if (customer.associationType === '1') {
      // Consultative customers pay Huawei directly: their own top-ups.
      for (let i = r.int(1, 4); i > 0; i--) {
        const time = between(start, end, r.next());
        inflows.push({
          time, delta: cents(r.int(10_000, 1_000_000)), detailType: D.RECHARGE, tradeId: `RC${stamp(time)}${r.hex(6)}`,
          paymentChannelId: r.pick(['1', '4', '5', '317', '319']), paymentChannelNo: r.digits(20),
        });
      }
    }
    inflows.sort(byTime);

    const movements: Movement[] = [];
    let balance = ZERO;
    let next = 0;
    const settleUntil = (time: Date): void => {
      while (next < inflows.length && inflows[next]!.time.getTime() <= time.getTime()) {
        const m = inflows[next++]!;
        balance = balance.plus(m.delta);
        movements.push(m);
      }
    };
    // What consumption must leave untouched at `time`: the deepest dip later transfers alone would cause.
    const reserveAfter = (time: Date): Decimal => {
      let running = ZERO;
      let lowest = ZERO;
      for (let i = next; i < inflows.length; i++) {
        if (inflows[i]!.time.getTime() <= time.getTime()) continue;
        running = running.plus(inflows[i]!.delta);
        if (running.lt(lowest)) lowest = running;
      }
      return lowest.neg();
    };
    // Roughly monthly consumption, each a share of what the customer can spend at that moment.
    for (let day = addDays(start, r.int(3, 20)); day < end; day = addDays(day, r.int(20, 40))) {
      if (!r.chance(0.7)) continue;
      const t = new Date(Math.min(day.getTime() + r.int(0, 86_399) * 1000, end.getTime()));
      settleUntil(t);
      const spendable = balance.minus(reserveAfter(t));
      const amount = cents(spendable.times(r.int(5, 60)).floor().toNumber());
      if (amount.lte(0)) continue;
      balance = balance.minus(amount);
      movements.push(this.consumption(r, t, amount));
    }
    settleUntil(end);
    let debt = ZERO;
    if (r.chance(0.12)) {
      // A pay-per-use charge larger than the balance: what the cash cannot cover becomes arrears.
      const last = movements[movements.length - 1]?.time ?? start;
      const time = new Date(Math.max(last.getTime() + HOUR, now.getTime() - r.int(1, 72) * HOUR));
      if (time < now) {
        if (balance.gt(0)) {
          movements.push(this.consumption(r, time, balance, D.USAGE));
          balance = ZERO;
        }
        debt = cents(r.int(100, 50_000));
      }
    }
    const { entries } = chain(`customer:${customer.customerId}`, movements);
    return { customerId: customer.customerId, accountId, cash: balance, debt, ledger: entries };
  }

  /** Generated consumption. Trade ids are payment serials, not commerce order ids, so nothing dangles. */
  private consumption(r: Random, time: Date, amount: Decimal, detail?: string): Movement {
    const detailType = detail ?? (r.chance(0.4) ? D.DEDEUCT : D.USAGE);
    const serviceTypeCode = r.pick(SERVICE_TYPES).code;
    // [inferred] For pay-per-use the consume time is the charged period, written start~end.
    const consumeTime = detailType === D.USAGE ? `${utc(new Date(time.getTime() - HOUR))}~${utc(time)}` : utc(time);
    return { time, delta: amount.neg(), detailType, tradeId: `${detailType === D.USAGE ? 'US' : 'PY'}${stamp(time)}${r.hex(6)}`, serviceTypeCode, consumeTime };
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** A customer transfer as the paying partner scope sees it. */
  private scopeSide(t: Transfer): Movement {
    const customer = this.directory.get(t.targetId);
    return {
      time: t.time, delta: t.kind === 'adjust' ? t.amount.neg() : t.amount, detailType: t.kind === 'adjust' ? D.BEADJUST : D.BERETRIEVE,
      tradeId: t.transId, counterpartId: t.targetId, counterpartName: customer?.accountName ?? '',
    };
  }

  private distributorParty(): { counterpartId: string; counterpartName: string } {
    return { counterpartId: this.world.partner.domainId, counterpartName: this.world.partner.domainName };
  }

  private resellerParty(resellerId: string): { name: string } {
    return { name: this.world.reseller(resellerId)?.accountName ?? '' };
  }

  private record(account: ScopeAccount, transfer: Transfer): Transfer {
    account.transfers.push(transfer);
    return transfer;
  }

  private post(account: ScopeAccount, key: string, movement: Movement): void {
    account.cash = account.cash.plus(movement.delta);
    account.ledger.push(entry(key, movement, account.cash));
  }

  private postCustomer(account: CustomerAccount, movement: Movement): void {
    account.cash = account.cash.plus(movement.delta);
    account.ledger.push(entry(`customer:${account.customerId}`, movement, account.cash));
  }
}

function scopeKey(scope: ScopeId): string {
  return scope === null ? 'partner:distributor' : `partner:${scope}`;
}

function byTime(a: { time: Date }, b: { time: Date }): number {
  return a.time.getTime() - b.time.getTime();
}

function entry(key: string, m: Movement, balanceAfter: Decimal): LedgerEntry {
  const { delta, ...rest } = m;
  return {
    ...rest,
    ledgerKey: key,
    amount: delta.abs(),
    income: delta.gt(0),
    balanceAfter,
  };
}

/**
 * The row's `account_change_id`: the trade's stamp and a digest of ledger, trade and detail type, so it
 * is stable, unique within its ledger, and computed only for the rows a page shows.
 */
export function accountChangeId(e: LedgerEntry): string {
  return `${stamp(e.time)}${digest(`${e.ledgerKey}:${e.tradeId}:${e.detailType}`).slice(0, 8)}`;
}

/** Chains movements (already in time order) from a zero opening balance. */
function chain(key: string, movements: readonly Movement[]): { entries: LedgerEntry[]; balance: Decimal } {
  let balance = ZERO;
  const entries = movements.map((m) => {
    balance = balance.plus(m.delta);
    return entry(key, m, balance);
  });
  return { entries, balance };
}

/** The lowest running total of the deltas (0 if it never dips). */
function lowestPrefix(moves: readonly { delta: Decimal }[]): Decimal {
  let running = ZERO;
  let lowest = ZERO;
  for (const m of moves) {
    running = running.plus(m.delta);
    if (running.lt(lowest)) lowest = running;
  }
  return lowest;
}

/** The lowest balance from `time` on (the balance just before it included). */
function lowestFrom(moves: readonly { time: Date; delta: Decimal }[], time: Date): Decimal {
  let running = ZERO;
  let lowest: Decimal | null = null;
  for (const m of moves) {
    if (m.time.getTime() > time.getTime() && lowest === null) lowest = running;
    running = running.plus(m.delta);
    if (lowest !== null && running.lt(lowest)) lowest = running;
  }
  return lowest ?? running;
}

