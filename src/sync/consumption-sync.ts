/**
 * The background consumption sync (issue 12, docs/store.md "The sync"): every customer's consumption records of
 * the cycles Huawei keeps, copied into the state store within a share of each API's quota, so consumption
 * questions are answered from the store.
 *
 * The unit of work is a customer × cycle. Its progress is in the store (`consumption_sync_progress`): a pass
 * reads only the units that are not synced (pending, stale, failed), so a restart continues where the last
 * process stopped and never reads a synced unit again. Per cycle a pass
 * 1. lists the cycle's customers when the cycle was never listed (or is open or settling and its refresh is
 *    due) with the cheapest lists (src/sync/listing.ts): new customers become pending units, customers no
 *    longer listed are marked (their synced records stay);
 * 2. for a settled closed cycle whose drift check is due, compares the stored totals with the upstream's
 *    cheap summaries (src/sync/drift.ts) and marks only the differing customers stale;
 * 3. reads every unit still to read (ListSubCustomerBillDetail, pages of 1000: the existing source) and
 *    replaces it in the store in one transaction (`replaceCustomerCycle`);
 * 4. marks the cycle complete when every listed unit is synced and refreshes the planner statistics.
 *
 * Every upstream call goes through `bss.withBudgetShare(share)`: at most `share` of each API's quota, the
 * rest left to interactive queries (src/bss/budget-share.ts). The sync never blocks start-up: `start()`
 * returns at once and the first pass runs in the background.
 */
import type { BssClient } from '../bss/client.js';
import type { CallCounts } from '../bss/call-counter.js';
import { BssError } from '../bss/errors.js';
import type { Language } from '../language.js';
import {
  CONSUMPTION_PAGE_MAX, fetchConsumptionPage, type ConsumptionContext, type ConsumptionQuery, type ConsumptionRecordShape,
} from '../sources/consumption-records.js';
import {
  markCycleStale, readSyncCycle, recordAssociationType, recordCycleCompletion, recordUnitFailure, refreshStatistics,
  readStartTime, registerSyncCycles, replaceCustomerCycle, unitState, unitsToSync, type Store, type SyncUnit,
} from '../store/index.js';
import { withSyncLease } from '../store/sync-lease.js';
import { cycleKind, settledAt, syncCycles, MAX_SYNC_MONTHS } from './calendar.js';
import { checkDrift } from './drift.js';
import { PassListings, listCycle } from './listing.js';
import type { SyncEvent } from './events.js';

export interface ConsumptionSyncOptions {
  /** The gateway's client: the sync works through `bss.withBudgetShare(share)`. */
  readonly bss: BssClient;
  readonly store: Store;
  /** Fraction of each API's quota the sync may spend (default 0.5). */
  readonly share?: number;
  /** Closed cycles kept, newest first (default and most: 18, what Huawei keeps). */
  readonly months?: number;
  /** Sync the open cycle too (default true). */
  readonly includeOpenCycle?: boolean;
  /** Exactly these cycles instead (tests and benchmarks), in this order. */
  readonly cycles?: readonly string[];
  /** How often the open (and settling) cycle is read again and a settled cycle checked for drift (default 24 h). */
  readonly refreshMs?: number;
  /** How long after its end a cycle still gets late records (default 3 days: the bill run is on the 3rd). */
  readonly settleMs?: number;
  /** How soon another pass runs after one that left failed units (default 10 min). */
  readonly retryMs?: number;
  /** Units read at once (default 4; the budget share, not this, sets the pace). */
  readonly concurrency?: number;
  /** Names in records come in this language (default zh_CN, Huawei's default). */
  readonly language?: Language;
  /** The gateway's clock (the simulator's "now" in tests). */
  readonly now?: () => Date;
  /** Progress, for metrics and the log (src/main.ts wires it). Never given personal data. */
  readonly onEvent?: (event: SyncEvent) => void;
}

export const SYNC_DEFAULTS = {
  share: 0.5,
  months: MAX_SYNC_MONTHS,
  refreshMs: 24 * 3_600_000,
  settleMs: 3 * 86_400_000,
  retryMs: 10 * 60_000,
  concurrency: 4,
} as const;

/** What one pass did. */
export interface PassResult {
  readonly cycles: number;
  readonly cyclesComplete: number;
  /** Cycles whose listing or drift check failed this pass (their units were not worked on). */
  readonly cyclesFailed: number;
  readonly unitsSynced: number;
  readonly unitsFailed: number;
  readonly records: number;
  readonly driftStale: number;
  /** Another replica held the sync lock (src/store/sync-lease.ts): this pass did nothing. */
  readonly skipped?: true;
}

/** Why a unit failed, for `last_error` and the log: the error's code and kind, never a message with data in it. */
export function describeFailure(error: unknown): { code: string; text: string } {
  if (error instanceof BssError) {
    return { code: error.code, text: `${error.operation}: ${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''} after ${error.attempts} attempt(s)` };
  }
  const name = error instanceof Error ? error.name : 'Error';
  return { code: name, text: `${name}: ${error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300)}` };
}

export class ConsumptionSync {
  readonly share: number;
  private readonly upstream: BssClient;
  private readonly ctx: ConsumptionContext;
  private readonly store: Store;
  private readonly options: ConsumptionSyncOptions;
  private readonly now: () => Date;
  private readonly abort = new AbortController();
  private running: Promise<PassResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  /** Open-cycle refreshes after writes, by unit (refreshOpenCycle). */
  private readonly refreshing = new Map<string, Promise<boolean>>();
  /** When the last pass ended, and whether it left work undone. */
  private last: { at: Date; result: PassResult } | null = null;

  constructor(options: ConsumptionSyncOptions) {
    this.options = options;
    this.share = options.share ?? SYNC_DEFAULTS.share;
    this.upstream = options.bss.withBudgetShare(this.share);
    this.ctx = { bss: this.upstream, language: options.language ?? 'zh_CN' };
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    const months = options.months ?? SYNC_DEFAULTS.months;
    if (!(Number.isInteger(months) && months >= 0 && months <= MAX_SYNC_MONTHS)) throw new RangeError(`sync months must be 0–${MAX_SYNC_MONTHS}`);
  }

  /** The sync's own upstream calls so far, per operation (the client's counter counts them too). */
  calls(): CallCounts {
    return this.upstream.shareCounter!.snapshot();
  }

  /** The cycles a pass at `now` keeps, in working order. */
  cycles(now = this.now()): string[] {
    if (this.options.cycles) return [...this.options.cycles];
    return syncCycles(now, this.options.months ?? SYNC_DEFAULTS.months, this.options.includeOpenCycle ?? true);
  }

  /** Starts the background passes: the first at once (not awaited), the next when one is due. */
  start(): void {
    if (this.stopping || this.timer || this.running) return;
    this.schedule(0);
  }

  /** Stops: no new unit starts, the current reads are aborted (those units stay unsynced), waits for the pass. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort(new Error('the consumption sync is stopping'));
    await this.running?.catch(() => undefined);
  }

  /** One pass now (or the one already running). */
  runPass(): Promise<PassResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runPass().then(
        // Failed units, or another replica syncing: look again after the retry interval (it may have stopped).
        (result) => this.schedule(result.unitsFailed + result.cyclesFailed > 0 || result.skipped ? this.options.retryMs ?? SYNC_DEFAULTS.retryMs : this.idleMs()),
        (error: unknown) => {
          this.emit({ type: 'pass-failed', code: describeFailure(error).code });
          this.schedule(this.options.retryMs ?? SYNC_DEFAULTS.retryMs);
        },
      );
    }, delayMs);
    // The sync alone must not keep the process alive.
    this.timer.unref();
  }

  /** Until the next refresh can be due: an hour at most, so a settling cycle or a new month is seen in time. */
  private idleMs(): number {
    return Math.min(this.options.refreshMs ?? SYNC_DEFAULTS.refreshMs, 3_600_000);
  }

  private emit(event: SyncEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A broken observer must not stop the sync.
    }
  }

  /** A pass, while no other replica on the same database runs one (src/store/sync-lease.ts). */
  private async pass(): Promise<PassResult> {
    const outcome = await withSyncLease(this.store, () => this.leadPass());
    if (outcome.ran) return outcome.result;
    return { cycles: 0, cyclesComplete: 0, cyclesFailed: 0, unitsSynced: 0, unitsFailed: 0, records: 0, driftStale: 0, skipped: true };
  }

  private async leadPass(): Promise<PassResult> {
    const started = Date.now();
    const now = this.now();
    const cycles = this.cycles(now);
    await registerSyncCycles(this.store, cycles);
    const listings = new PassListings(this.ctx, this.abort.signal);
    const totals = { cycles: cycles.length, cyclesComplete: 0, cyclesFailed: 0, unitsSynced: 0, unitsFailed: 0, records: 0, driftStale: 0 };
    for (const cycle of cycles) {
      if (this.stopping) break;
      let r: Awaited<ReturnType<ConsumptionSync['syncCycle']>>;
      try {
        r = await this.syncCycle(cycle, now, listings);
      } catch (error) {
        // A listing or drift check failed (or the store did): the other cycles still get their turn, and the
        // next pass comes after the retry interval.
        if (this.stopping) break;
        totals.cyclesFailed++;
        this.emit({ type: 'cycle-failed', cycle, code: describeFailure(error).code });
        continue;
      }
      totals.cyclesComplete += r.complete ? 1 : 0;
      totals.unitsSynced += r.synced;
      totals.unitsFailed += r.failed;
      totals.records += r.records;
      totals.driftStale += r.stale;
    }
    this.last = { at: this.now(), result: totals };
    this.emit({ type: 'pass-finished', durationMs: Date.now() - started, ...totals });
    return totals;
  }

  private async syncCycle(cycle: string, now: Date, listings: PassListings): Promise<{ complete: boolean; synced: number; failed: number; records: number; stale: number }> {
    const settleMs = this.options.settleMs ?? SYNC_DEFAULTS.settleMs;
    // Progress times are the database's (its now(), the wall clock); the injected clock only says which cycle is open.
    const refreshBefore = new Date(Date.now() - (this.options.refreshMs ?? SYNC_DEFAULTS.refreshMs));
    const kind = cycleKind(cycle, now, settleMs);
    const row = await readSyncCycle(this.store, cycle);
    const listedAt = row?.customersListedAt ?? null;
    let stale = 0;
    if (kind === 'settled') {
      // Read before the cycle settled (while open, or in its first days): read once more, for the final records.
      stale += await markCycleStale(this.store, cycle, settledAt(cycle, settleMs));
      const lastChecked = row?.checkedAt ?? row?.completedAt ?? null;
      if (listedAt && row?.completedAt && lastChecked && lastChecked < refreshBefore) {
        const drift = await checkDrift({ ctx: this.ctx, store: this.store, listings, cycle, concurrency: this.concurrency(), signal: this.abort.signal });
        this.emit({ type: 'listing', cycle, ...drift.listing });
        this.emit({ type: 'drift-checked', cycle, checked: drift.checked, differing: drift.differing, replaced: drift.replaced });
        stale += drift.differing;
      }
    }
    if (!listedAt || (kind !== 'settled' && listedAt < refreshBefore)) {
      const listingAt = new Date();
      const listing = await listCycle(this.ctx, this.store, listings, cycle);
      this.emit({ type: 'listing', cycle, ...listing });
      // The open (or settling) cycle's refresh: everything read before this listing is read again.
      if (listedAt) stale += await markCycleStale(this.store, cycle, listingAt);
    }
    const todo = await unitsToSync(this.store, cycle);
    if (todo.length === 0) {
      const complete = row?.completedAt ? true : await recordCycleCompletion(this.store, cycle);
      return { complete, synced: 0, failed: 0, records: 0, stale };
    }
    const started = Date.now();
    this.emit({ type: 'cycle-started', cycle, units: todo.length });
    const done = { synced: 0, failed: 0, records: 0 };
    await pool(todo, this.concurrency(), async (unit) => {
      if (this.stopping) return;
      const r = await this.syncUnit(unit);
      if (r === null) return;
      if (r.ok) {
        done.synced++;
        done.records += r.records;
      } else {
        done.failed++;
      }
    }, () => this.stopping);
    const complete = await recordCycleCompletion(this.store, cycle);
    if (done.synced > 0) await refreshStatistics(this.store);
    this.emit({ type: 'cycle-finished', cycle, complete, ...done, durationMs: Date.now() - started });
    return { complete, ...done, stale };
  }

  private concurrency(): number {
    return Math.max(1, this.options.concurrency ?? SYNC_DEFAULTS.concurrency);
  }

  /** Reads one unit whole and replaces it in the store; null when stopped midway (the unit stays as it was). */
  private async syncUnit(unit: SyncUnit): Promise<{ ok: true; records: number } | { ok: false } | null> {
    try {
      // Taken before the read: a refresh of this unit that began later (after a write) keeps its newer records.
      const readStartedAt = await readStartTime(this.store);
      const { records, total } = await readUnit(this.ctx, unit, this.abort.signal);
      const result = await replaceCustomerCycle(this.store, { ...unit, records, upstreamRecordCount: total, readStartedAt });
      await recordAssociationType(this.store, unit, records[0]?.associationType ?? null);
      this.emit({ type: 'unit-synced', cycle: unit.cycle, records: result.recordCount });
      return { ok: true, records: result.recordCount };
    } catch (error) {
      if (this.abort.signal.aborted) return null;
      const failure = describeFailure(error);
      await recordUnitFailure(this.store, unit, failure.text).catch(() => undefined);
      this.emit({ type: 'unit-failed', cycle: unit.cycle, code: failure.code });
      return { ok: false };
    }
  }

  /**
   * Reads one customer's open cycle again now, after a write that adds to it (a paid order, an unsubscription's
   * refund): the store's views show the write without waiting for the daily refresh. Only a unit the sync holds
   * as synced (or stale) is read; false otherwise, or when the read failed (the unit then waits for the next pass
   * as any failed unit does). Concurrent refreshes of one unit share one read.
   */
  refreshOpenCycle(customerId: string, indirectPartnerId: string | null): Promise<boolean> {
    const cycle = syncCycles(this.now(), 0, true)[0];
    if (!cycle || this.stopping || (this.options.includeOpenCycle ?? true) === false) return Promise.resolve(false);
    const unit: SyncUnit = { cycle, customerId, indirectPartnerId };
    const key = JSON.stringify([cycle, indirectPartnerId, customerId]);
    let refresh = this.refreshing.get(key);
    if (!refresh) {
      refresh = (async () => {
        const state = await unitState(this.store, unit);
        if (state !== 'synced' && state !== 'stale') return false;
        return (await this.syncUnit(unit))?.ok === true;
      })()
        .catch(() => false)
        .finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, refresh);
    }
    return refresh;
  }

  /** When the last pass ended and what it did (null before the first). */
  lastPass(): { at: Date; result: PassResult } | null {
    return this.last;
  }
}

/**
 * Every record of a unit: ceil(N / 1000) calls of ListSubCustomerBillDetail (one when N = 0), the fewest the
 * API allows, read one page after another (the budget share sets the pace; units run side by side).
 */
export async function readUnit(ctx: ConsumptionContext, unit: SyncUnit, signal?: AbortSignal): Promise<{ records: ConsumptionRecordShape[]; total: number }> {
  const q: ConsumptionQuery = { customerId: unit.customerId, indirectPartnerId: unit.indirectPartnerId, cycle: unit.cycle };
  const pageCtx: ConsumptionContext = signal ? { ...ctx, bss: withSignal(ctx.bss, signal) } : ctx;
  const records: ConsumptionRecordShape[] = [];
  let total: number | null = null;
  for (let offset = 0; ; offset += CONSUMPTION_PAGE_MAX) {
    signal?.throwIfAborted();
    const page = await fetchConsumptionPage(pageCtx, q, offset, CONSUMPTION_PAGE_MAX);
    for (const r of page.items) records.push(r);
    total ??= page.total;
    if (page.items.length === 0) break;
    if (total !== null ? offset + CONSUMPTION_PAGE_MAX >= total : page.items.length < CONSUMPTION_PAGE_MAX) break;
  }
  return { records, total: total ?? records.length };
}

/**
 * The client with every call carrying `signal` (sources build their own call options), and a turn of the event
 * loop between a response's parse and its mapping to records: each is a few tens of ms for a page of 1000, and
 * done back to back they would hold the loop (front-end requests, timers) twice as long.
 */
function withSignal(bss: BssClient, signal: AbortSignal): BssClient {
  const view = Object.create(bss) as BssClient;
  Object.defineProperty(view, 'call', {
    value: async (op: never, req: never, opts: object = {}) => {
      const res: unknown = await bss.call(op, req, { ...opts, signal });
      await new Promise<void>((resolve) => setImmediate(resolve));
      return res;
    },
  });
  return view;
}

/** Runs `work` over `items`, `concurrency` at a time, in order; stops taking items once `stop()` says so. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
