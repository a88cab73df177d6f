import { percentile, type Histogram } from '../stats/histogram.ts';

/** One step's numbers summed over all workers. */
export interface StepTotals {
  sent: number;
  /** Every update sent, times the receivers it should reach (every other client). */
  expected: number;
  received: number;
  latency: Histogram;
  byQuarter: Histogram[];
  sendLagMs: number;
  clientCpuMs: number;
  messagesReceived: number;
  bytesReceived: number;
}

interface StepContext {
  rate: number;
  planned: number;
  elapsedMs: number;
  serverCpuMs: number;
  /** Busy CPU time of the whole machine over the step, to show what else was running. */
  machineCpuMs: number;
  /** Time after the window until every receipt was in, or null if the drain time ran out first. */
  drainedInMs: number | null;
}

export interface StepResult {
  rate: number;
  sent: number;
  expected: number;
  received: number;
  lost: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number;
  quarterP50Ms: Array<number | null>;
  sendLagMs: number;
  drainedInMs: number | null;
  /** CPU as a percentage of one core over the step: a Node server saturates near 100. */
  serverCpuPct: number;
  clientCpuPct: number;
  /** Everything else on the machine (the orchestrator, and any process outside the bench). */
  otherCpuPct: number;
  /** WebSocket messages the clients received per update received: below 1 when the server merges. */
  messagesPerReceipt: number | null;
  bytesPerReceipt: number | null;
  /** CPU microseconds per update delivered to one receiver: what a delivery costs each side. */
  serverUsPerReceipt: number | null;
  clientUsPerReceipt: number | null;
  sustained: boolean;
  why: string | null;
}

/** A load generator this late on its own schedule is itself the bottleneck, not a measure of the server. */
const maxSendLagMs = 50;
/** Latency may grow this much across the window before the backlog counts as growing. */
const growthFactor = 2;
const growthSlackMs = 20;
const maxP99Ms = 1000;

/**
 * Sustained means: every update reached every other client, the load went out on schedule, and latency at
 * the end of the window is not climbing away from latency at its start (a growing backlog).
 */
export function judgeStep(totals: StepTotals, context: StepContext): StepResult {
  const quarterP50Ms = totals.byQuarter.map((h) => percentile(h, 0.5));
  const p99Ms = percentile(totals.latency, 0.99);
  const first = quarterP50Ms[0] ?? null;
  const last = quarterP50Ms[3] ?? null;
  const lost = totals.expected - totals.received;
  const why =
    totals.sent < context.planned ? `only ${totals.sent} of ${context.planned} updates sent`
    : lost > 0 ? `${lost} receipts missing after the drain time`
    : totals.sendLagMs > maxSendLagMs ? `load generator ${totals.sendLagMs.toFixed(0)} ms behind schedule`
    : first !== null && last !== null && last > first * growthFactor + growthSlackMs ? `backlog growing (p50 ${first.toFixed(1)} → ${last.toFixed(1)} ms)`
    : p99Ms !== null && p99Ms > maxP99Ms ? `p99 ${p99Ms.toFixed(0)} ms`
    : null;
  const pct = (ms: number): number => Math.round((ms / context.elapsedMs) * 100);
  return {
    rate: context.rate,
    sent: totals.sent,
    expected: totals.expected,
    received: totals.received,
    lost,
    p50Ms: percentile(totals.latency, 0.5),
    p99Ms,
    maxMs: totals.latency.maxMs,
    quarterP50Ms,
    sendLagMs: totals.sendLagMs,
    drainedInMs: context.drainedInMs,
    serverCpuPct: pct(context.serverCpuMs),
    clientCpuPct: pct(totals.clientCpuMs),
    otherCpuPct: Math.max(0, pct(context.machineCpuMs - context.serverCpuMs - totals.clientCpuMs)),
    messagesPerReceipt: totals.received > 0 ? round2(totals.messagesReceived / totals.received) : null,
    bytesPerReceipt: totals.received > 0 ? Math.round(totals.bytesReceived / totals.received) : null,
    serverUsPerReceipt: totals.received > 0 ? round2((context.serverCpuMs * 1000) / totals.received) : null,
    clientUsPerReceipt: totals.received > 0 ? round2((totals.clientCpuMs * 1000) / totals.received) : null,
    sustained: why === null,
    why,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
