import { fanOutsOf, type BenchResults } from '../results.ts';
import type { MemoryResult } from '../scenarios/memory.ts';
import type { ServerName } from '../servers/server-spec.ts';
import { count, kib, median, ms, ratio, shared } from './format.ts';

interface TargetCheck {
  target: string;
  scope: string;
  ours: string;
  bestPeer: string;
  ratio: string;
  met: boolean | null;
}

const ours: ServerName = 'tributary';

function peersOf(results: BenchResults): ServerName[] {
  return results.servers.map((s) => s.name).filter((name) => name !== ours);
}

/** The four targets, judged against the best peer of each measurement. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const peers = peersOf(results);
  const checks: TargetCheck[] = [];
  for (const { label, runs } of fanOutsOf(results)) {
    const fanOut = runs.results;
    for (const run of fanOut[ours] ?? []) {
      const peerRuns = peers.map((p) => ({ name: p, run: fanOut[p]?.find((r) => r.clients === run.clients) }));
      const peerP99 = peerRuns.flatMap(({ name, run: r }) => (r?.latency.p99Ms != null ? [{ name, value: r.latency.p99Ms, mark: shared(r.latency) }] : []));
      const bestLatency = peerP99.sort((a, b) => a.value - b.value)[0];
      const p99 = run.latency.p99Ms;
      checks.push({
        target: 'p99 latency ≤ best peer',
        scope: `${label}, ${run.clients} clients, ${run.latency.rate} updates/s`,
        ours: ms(p99) + shared(run.latency),
        bestPeer: bestLatency ? `${ms(bestLatency.value)} (${bestLatency.name})${bestLatency.mark}` : '–',
        ratio: ratio(p99, bestLatency?.value),
        met: p99 === null || bestLatency === undefined ? null : p99 <= bestLatency.value,
      });

      const peerMax = peerRuns.map(({ name, run: r }) => ({ name, value: r?.maxSustainedRate ?? 0 })).sort((a, b) => b.value - a.value)[0];
      const max = run.maxSustainedRate ?? 0;
      checks.push({
        target: 'sustained throughput ≥ 1.5 × best peer',
        scope: `${label}, ${run.clients} clients`,
        ours: `${count(max)} updates/s`,
        bestPeer: peerMax ? `${count(peerMax.value)} updates/s (${peerMax.name})` : '–',
        ratio: ratio(max, peerMax?.value),
        met: peerMax === undefined ? null : max >= 1.5 * peerMax.value,
      });
    }
  }

  const memory = results.memory.results;
  const ourMemory = memory[ours];
  if (ourMemory) {
    const documents = ourMemory.readings.map((r) => r.documents);
    const measures: Array<[string, (m: MemoryResult) => number | undefined]> = [
      [`RSS, ${documents[0]} documents over the baseline (the issue's measure)`, (m) => m.readings[0]?.rssPerDocument],
      [`RSS, marginal from ${documents[0]} to ${documents[1]} documents`, (m) => m.marginal.rssPerDocument],
      [`V8 heap, ${documents[0]} documents over the baseline`, (m) => m.readings[0]?.heapPerDocument],
    ];
    for (const [scope, pick] of measures) {
      const value = pick(ourMemory);
      const best = peers
        .flatMap((p) => (memory[p] && pick(memory[p]!) !== undefined ? [{ name: p, value: pick(memory[p]!)! }] : []))
        .sort((a, b) => a.value - b.value)[0];
      checks.push({
        target: 'memory per document ≤ best peer',
        scope,
        ours: value === undefined ? '–' : kib(value),
        bestPeer: best ? `${kib(best.value)} (${best.name})` : '–',
        ratio: ratio(value, best?.value),
        met: best === undefined || value === undefined ? null : value <= best.value,
      });
    }
  }

  const losses = lossesOf(results, ours);
  if (losses !== null) {
    checks.push({
      target: 'zero updates lost',
      scope: 'every scenario',
      ours: losses.length === 0 ? 'none lost' : losses.join('; '),
      bestPeer: '–',
      ratio: '–',
      met: losses.length === 0,
    });
  }
  return checks;
}

/** What `server` lost, scenario by scenario; empty when nothing was, null when nothing was measured. */
export function lossesOf(results: BenchResults, server: ServerName): string[] | null {
  const fanOuts = fanOutsOf(results).flatMap(({ label, runs }) => (runs.results[server] ?? []).map((run) => ({ label, run })));
  const memory = results.memory.results[server];
  const cold = results.coldLoad.results[server];
  if (fanOuts.length === 0 && !memory && !cold) return null;
  const losses: string[] = [];
  for (const { label, run } of fanOuts) {
    if (run.neverDelivered > 0) losses.push(`${label} ${run.clients}: ${count(run.neverDelivered)} receipts never arrived`);
    if (run.stored.found < run.stored.expected) {
      losses.push(`${label} ${run.clients}: ${count(run.stored.expected - run.stored.found)} of ${count(run.stored.expected)} updates missing after restart`);
    }
  }
  if (memory && memory.verified < memory.loaded) losses.push(`memory: ${memory.loaded - memory.verified} documents came back incomplete`);
  if (cold) {
    const loads = [cold.before, ...cold.after];
    const failed = loads.filter((l) => l.contentMs === null).length;
    if (failed > 0) losses.push(`cold load: ${failed} of ${loads.length} loads never showed all ${count(cold.updates)} updates`);
  }
  return losses;
}

export function medianContentMs(loads: Array<{ contentMs: number | null }>): number | null {
  return median(loads.flatMap((l) => (l.contentMs === null ? [] : [l.contentMs])));
}
