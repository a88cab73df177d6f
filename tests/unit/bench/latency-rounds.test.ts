import { describe, expect, it } from 'vitest';
import type { FanOutResult } from '../../../bench/scenarios/fan-out.ts';
import type { StepResult } from '../../../bench/scenarios/fan-out-verdict.ts';
import { withLatencyRounds } from '../../../bench/scenarios/latency-rounds.ts';

function step(p50Ms: number | null, p99Ms: number | null): StepResult {
  return {
    rate: 100, sent: 2000, expected: 98_000, received: 98_000, lost: 0, p50Ms, p99Ms, maxMs: 9, quarterP50Ms: [],
    sendLagMs: 0.5, drainedInMs: 1, serverCpuPct: 7, clientCpuPct: 8, otherCpuPct: 0, messagesPerReceipt: 1,
    bytesPerReceipt: 26, serverUsPerReceipt: 13, clientUsPerReceipt: 15, sustained: true, why: null,
  };
}

function result(latency: StepResult, neverDelivered = 0, stored = { expected: 2000, found: 2000 }): FanOutResult {
  return { clients: 50, workers: 1, latency, steps: [latency], maxSustainedRate: 100, stalled: false, neverDelivered, stored };
}

describe('withLatencyRounds', () => {
  it('reads the round with the median p99, with its own p50, and keeps every round in order', () => {
    const first = step(0.7, 2.4);
    const combined = withLatencyRounds(result(first), [result(step(0.6, 1.9)), result(step(0.8, 2.1))]);
    expect(combined.latency).toEqual(step(0.8, 2.1));
    expect(combined.latencyRounds?.map((s) => s.p99Ms)).toEqual([2.4, 1.9, 2.1]);
    // The ramp is the first round's alone.
    expect(combined.steps).toEqual([first]);
  });

  it('counts a round in which nothing arrived as the worst, not as missing', () => {
    const combined = withLatencyRounds(result(step(0.7, 2.0)), [result(step(null, null)), result(step(0.9, 3.0))]);
    expect(combined.latency.p99Ms).toBe(3.0);
  });

  it('adds up what every round lost', () => {
    const combined = withLatencyRounds(result(step(0.7, 2.0), 3), [
      result(step(0.7, 2.0), 0, { expected: 2000, found: 1990 }),
      result(step(0.7, 2.0), 2),
    ]);
    expect(combined.neverDelivered).toBe(5);
    expect(combined.stored).toEqual({ expected: 6000, found: 5990 });
  });
});
