/**
 * The waiting line of one API (one budget key), fair between tenants: each API key of the gateway is a
 * tenant, the background sync is another. Waiters are served round-robin across the tenants that have
 * something queued, FIFO within a tenant — deficit round robin with every call costing one slot. So a tenant
 * with 50 calls queued delays another tenant's first call by at most one slot per active tenant, not 50.
 *
 * A waiter can leave at any time (its request was cancelled): `remove` takes it out at once, so the slots
 * it would have used go to whoever is next.
 */

interface Lane<T> {
  readonly tenant: string;
  readonly items: T[];
}

export class FairQueue<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  /** Tenants with something queued, in the order their turns come. */
  private ring: Lane<T>[] = [];
  private turn = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Tenants with at least one waiter. */
  get tenants(): number {
    return this.ring.length;
  }

  push(tenant: string, item: T): void {
    this.lane(tenant).items.push(item);
    this.count++;
  }

  /** Queues `item` ahead of its tenant's others: it has waited longer than they have (a promoted background call). */
  pushFront(tenant: string, item: T): void {
    this.lane(tenant).items.unshift(item);
    this.count++;
  }

  private lane(tenant: string): Lane<T> {
    let lane = this.lanes.get(tenant);
    if (!lane) {
      lane = { tenant, items: [] };
      this.lanes.set(tenant, lane);
      // A newcomer takes its turn just before the tenant about to be served, so it waits at most one round.
      this.ring.splice(this.turn, 0, lane);
      this.turn += 1;
      if (this.turn >= this.ring.length) this.turn = 0;
    }
    return lane;
  }

  /** The next waiter in round-robin order, or undefined when none is queued. */
  shift(): T | undefined {
    if (this.ring.length === 0) return undefined;
    if (this.turn >= this.ring.length) this.turn = 0;
    const lane = this.ring[this.turn]!;
    const item = lane.items.shift()!;
    this.count--;
    if (lane.items.length === 0) {
      this.dropLane(this.turn);
    } else {
      this.turn = (this.turn + 1) % this.ring.length;
    }
    return item;
  }

  /** Takes a waiter out (its request went away); false when it was no longer queued. */
  remove(tenant: string, item: T): boolean {
    const lane = this.lanes.get(tenant);
    const at = lane ? lane.items.indexOf(item) : -1;
    if (!lane || at < 0) return false;
    lane.items.splice(at, 1);
    this.count--;
    if (lane.items.length === 0) this.dropLane(this.ring.indexOf(lane));
    return true;
  }

  private dropLane(index: number): void {
    const lane = this.ring[index]!;
    this.ring.splice(index, 1);
    this.lanes.delete(lane.tenant);
    // The tenant after the dropped one keeps its turn.
    if (index < this.turn) this.turn -= 1;
    if (this.turn >= this.ring.length) this.turn = 0;
  }
}
