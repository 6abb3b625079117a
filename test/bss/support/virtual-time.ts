/**
 * Virtual time for budget tests: `sleep` registers a timer, and `run` fires timers in time order once
 * everything runnable has run, moving the clock to each timer's due time (or later, when a test makes timers
 * fire late). Nothing here waits for real time.
 */
export interface VirtualTime {
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
  /** Sets the clock (never backwards). */
  advanceTo(at: number): void;
  /** Fires timers in order until `done()` holds or none is left. */
  run(done?: () => boolean): Promise<void>;
}

export function virtualTime(options: { start?: number; lateBy?: (due: number) => number } = {}): VirtualTime {
  let now = options.start ?? 0;
  let seq = 0;
  const sleeps: number[] = [];
  const timers: { at: number; seq: number; fire: () => void }[] = [];
  const flush = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    clock: () => now,
    sleeps,
    sleep: (ms, signal) =>
      new Promise<void>((fire, reject) => {
        sleeps.push(ms);
        if (signal?.aborted) return reject(signal.reason);
        const due = now + Math.max(0, ms);
        const timer = { at: due + (options.lateBy?.(due) ?? 0), seq: seq++, fire };
        timers.push(timer);
        signal?.addEventListener('abort', () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal.reason);
        }, { once: true });
      }),
    advanceTo(at) {
      now = Math.max(now, at);
    },
    async run(done = () => false) {
      for (;;) {
        await flush();
        await flush();
        if (done()) return;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const t = timers.shift();
        if (!t) return;
        now = Math.max(now, t.at);
        t.fire();
      }
    },
  };
}

/** The most starts in any window [s, s + windowMs) — sliding, so every alignment of a fixed window too. */
export function maxInAnyWindow(starts: readonly number[], windowMs = 1000): number {
  return Math.max(0, ...starts.map((s) => starts.filter((x) => x >= s && x < s + windowMs).length));
}
