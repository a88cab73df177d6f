/**
 * A log-bucketed latency histogram: buckets 2% wide from 10 µs up, so percentiles are within 2% and a
 * worker can hand millions of samples to the orchestrator as one small array.
 */
const minMs = 0.01;
const growth = 1.02;
const bucketCount = 1200; // 0.01 ms × 1.02^1200 ≈ 2 × 10^8 ms: no latency we could measure falls off the end

export interface Histogram {
  counts: number[];
  total: number;
  maxMs: number;
}

export function emptyHistogram(): Histogram {
  return { counts: new Array<number>(bucketCount).fill(0), total: 0, maxMs: 0 };
}

export function record(histogram: Histogram, ms: number): void {
  const index = ms <= minMs ? 0 : Math.min(bucketCount - 1, Math.floor(Math.log(ms / minMs) / Math.log(growth)));
  histogram.counts[index]!++;
  histogram.total++;
  if (ms > histogram.maxMs) histogram.maxMs = ms;
}

export function mergeInto(target: Histogram, source: Histogram): void {
  for (let i = 0; i < bucketCount; i++) target.counts[i]! += source.counts[i]!;
  target.total += source.total;
  target.maxMs = Math.max(target.maxMs, source.maxMs);
}

/** The value below which `fraction` of the samples fall (bucket midpoint), or null without samples. */
export function percentile(histogram: Histogram, fraction: number): number | null {
  if (histogram.total === 0) return null;
  const rank = Math.ceil(fraction * histogram.total);
  let seen = 0;
  for (let i = 0; i < bucketCount; i++) {
    seen += histogram.counts[i]!;
    if (seen >= rank) return Math.min(histogram.maxMs, minMs * growth ** (i + 0.5));
  }
  return histogram.maxMs;
}
