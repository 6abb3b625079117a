/** Samples this process's resident set size every `everyMs` while something runs. */
export interface RssSamples {
  readonly baseline: number;
  readonly samples: readonly number[];
  readonly peak: number;
}

export function startRssSampler(everyMs = 50): { stop(): RssSamples } {
  const baseline = process.memoryUsage().rss;
  const samples: number[] = [baseline];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(process.memoryUsage().rss);
      return { baseline, samples, peak: Math.max(...samples) };
    },
  };
}

/**
 * Flat: the highest RSS of the stream's second half is no more than 10% (and 32 MB) above the highest of its
 * first half. A buffering export grows with the rows, so its second half always peaks higher.
 */
export function isFlat(samples: readonly number[]): { flat: boolean; firstHalfPeak: number; secondHalfPeak: number } {
  const half = Math.floor(samples.length / 2);
  const firstHalfPeak = Math.max(...samples.slice(0, Math.max(1, half)));
  const secondHalfPeak = Math.max(...samples.slice(half));
  return { flat: secondHalfPeak <= firstHalfPeak * 1.1 || secondHalfPeak - firstHalfPeak < 32 * 1024 * 1024, firstHalfPeak, secondHalfPeak };
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
