/**
 * Things the layers above keep per opened store and that must end with it — the export's writer threads
 * (src/export/focus-writer-threads.ts) hold database connections of their own — without the store knowing
 * what they are. Created on first use; `close` ends them before the engine closes (open-store.ts).
 */
export interface StoreAttachment {
  close(): Promise<void>;
}

export class StoreAttachments {
  private readonly items = new Map<symbol, StoreAttachment>();
  private closed = false;

  /** The attachment under `key`, created by `create` the first time; null once the store is closing. */
  get<T extends StoreAttachment>(key: symbol, create: () => T): T | null {
    if (this.closed) return null;
    let item = this.items.get(key);
    if (!item) this.items.set(key, (item = create()));
    return item as T;
  }

  /** Ends every attachment (errors are theirs: closing goes on). Later `get` calls answer null. */
  async close(): Promise<void> {
    this.closed = true;
    const items = [...this.items.values()];
    this.items.clear();
    await Promise.allSettled(items.map((item) => item.close()));
  }
}
