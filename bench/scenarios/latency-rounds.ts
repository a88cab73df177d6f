import type { FanOutResult } from './fan-out.ts';

/**
 * The fixed-load p99 of one window moves by ±0.3 ms between runs of the same server at 50 clients, as much
 * as the servers differ. So the fixed load is measured in rounds, each round taking every server in turn
 * (round one is the start of the full ramp, later rounds are the fixed-load step alone), and the round
 * with the median p99 is what the tables and verdicts read; every round stays in the results.
 */
export function withLatencyRounds(first: FanOutResult, later: FanOutResult[]): FanOutResult {
  const rounds = [first.latency, ...later.map((result) => result.latency)];
  // A round with no p99 (nothing arrived) sorts last: it is the worst, not a missing value.
  const byP99 = [...rounds].sort((a, b) => (a.p99Ms ?? Infinity) - (b.p99Ms ?? Infinity));
  const all = [first, ...later];
  return {
    ...first,
    latency: byP99[Math.floor((byP99.length - 1) / 2)]!,
    latencyRounds: rounds,
    neverDelivered: all.reduce((sum, result) => sum + result.neverDelivered, 0),
    stored: {
      expected: all.reduce((sum, result) => sum + result.stored.expected, 0),
      found: all.reduce((sum, result) => sum + result.stored.found, 0),
    },
  };
}
