import { fanOutsOf, type BenchResults, type FanOutRuns } from '../results.ts';
import { backlogWaitMs, type FanOutResult } from '../scenarios/fan-out.ts';
import type { ServerName } from '../servers/server-spec.ts';
import { count, kib, mib, ms, ratio, shared, table, verdict } from './format.ts';
import { checkTargets, lossesOf, medianContentMs } from './targets.ts';

const ours: ServerName = 'tributary';

/** Peers first, ours last, so that the ratio columns sit next to it. */
function columns(results: BenchResults): ServerName[] {
  const names = results.servers.map((s) => s.name);
  return [...names.filter((n) => n !== ours), ...names.filter((n) => n === ours)];
}

function peers(results: BenchResults): ServerName[] {
  return columns(results).filter((n) => n !== ours);
}

function hasOurs(results: BenchResults): boolean {
  return results.servers.some((s) => s.name === ours);
}

/** "ours ÷ peer" column headers, one per peer, when ours took part. */
function ratioHeaders(results: BenchResults): string[] {
  return hasOurs(results) ? peers(results).map((p) => `${ours} ÷ ${p}`) : [];
}

function ratioCells(results: BenchResults, value: (name: ServerName) => number | null | undefined): string[] {
  return hasOurs(results) ? peers(results).map((p) => ratio(value(ours), value(p))) : [];
}

export function machineTable(results: BenchResults): string {
  const m = results.machine;
  return table(
    ['CPU', 'cores', 'memory', 'Node', 'OS', 'date (UTC)', 'load average at start', 'bench run time'],
    [[m.cpuModel, String(m.cores), `${m.memoryGiB} GiB`, m.node, m.os, m.date.slice(0, 16).replace('T', ' '), String(m.loadAverageAtStart), `${results.durationS} s`]],
  );
}

function runsByClients(fanOut: FanOutRuns): Array<{ clients: number; run: (name: ServerName) => FanOutResult | undefined }> {
  const counts = [...new Set(Object.values(fanOut.results).flatMap((runs) => runs.map((r) => r.clients)))].sort((a, b) => a - b);
  return counts.map((clients) => ({ clients, run: (name) => fanOut.results[name]?.find((r) => r.clients === clients) }));
}

export function latencyTable(results: BenchResults, fanOut: FanOutRuns): string {
  const names = columns(results);
  return table(
    ['clients', 'room load', ...names.map((n) => `${n} p50 / p99`), ...ratioHeaders(results).map((h) => `p99 ${h}`)],
    runsByClients(fanOut).map(({ clients, run }) => [
      String(clients),
      `${run(names[0]!)?.latency.rate ?? '–'} updates/s`,
      ...names.map((n) => {
        const result = run(n);
        if (result === undefined) return '–';
        const step = result.latency;
        return `${ms(step.p50Ms)} / ${ms(step.p99Ms)}${shared(step)}${p99Spread(result)}`;
      }),
      ...ratioCells(results, (n) => run(n)?.latency.p99Ms),
    ]),
  );
}

/** The lowest and highest p99 of the rounds, when there were several: how far one round can be trusted. */
function p99Spread(result: FanOutResult): string {
  const p99s = (result.latencyRounds ?? []).flatMap((step) => (step.p99Ms === null ? [] : [step.p99Ms]));
  if (p99s.length < 2) return '';
  return ` (${ms(Math.min(...p99s)).replace(' ms', '')}–${ms(Math.max(...p99s))})`;
}

export function throughputTable(results: BenchResults, fanOut: FanOutRuns): string {
  const names = columns(results);
  return table(
    ['clients', ...names.map((n) => `${n}: updates/s (deliveries/s)`), ...ratioHeaders(results)],
    runsByClients(fanOut).map(({ clients, run }) => [
      String(clients),
      ...names.map((n) => {
        const result = run(n);
        const max = result?.maxSustainedRate;
        if (result === undefined || max == null) return '–';
        // The ceiling rests on the highest step passed and the lowest failed: either may have been disturbed.
        const edges = result.steps.filter((s) => s.rate === max || (!s.sustained && s.rate > max));
        return `${count(max)} (${count(max * (clients - 1))})${edges.some((s) => shared(s) !== '') ? ' †' : ''}`;
      }),
      ...ratioCells(results, (n) => run(n)?.maxSustainedRate ?? null),
    ]),
  );
}

/** Where each ramp stopped and who was busy then: the server process, the client processes, or neither. */
export function saturationTable(results: BenchResults, fanOut: FanOutRuns): string {
  const rows: string[][] = [];
  for (const { clients, run } of runsByClients(fanOut)) {
    for (const name of columns(results)) {
      const result = run(name);
      if (!result) continue;
      const highest = result.steps.filter((s) => s.sustained).sort((a, b) => b.rate - a.rate)[0];
      const failed = result.steps.filter((s) => !s.sustained).sort((a, b) => a.rate - b.rate)[0];
      const cpu = (s: typeof highest): string => (s ? `${s.serverCpuPct}% / ${s.clientCpuPct}% / ${s.otherCpuPct}%` : '–');
      rows.push([String(clients), name, highest ? String(highest.rate) : '–', cpu(highest), failed ? String(failed.rate) : '–', cpu(failed), (failed?.why ?? 'ramp ended without a failure') + (result.stalled ? `; backlog still there ${backlogWaitMs / 1000} s later, ramp ended` : '')]);
    }
  }
  return table(
    ['clients', 'server', 'highest sustained', 'CPU there: server / load generator / other', 'lowest not sustained', 'CPU there', 'why not sustained'],
    rows,
  );
}

/**
 * CPU per delivered update at the highest offered rate every server sustained: less noisy than where each
 * ramp stopped, and it separates what a delivery costs the server from what it costs the receivers.
 */
export function costTable(results: BenchResults, fanOut: FanOutRuns): string {
  const names = columns(results);
  const rows: string[][] = [];
  for (const { clients, run } of runsByClients(fanOut)) {
    const sustainedBy = names.map((n) => new Set((run(n)?.steps ?? []).filter((s) => s.sustained).map((s) => s.rate)));
    const common = [...(sustainedBy[0] ?? [])].filter((rate) => sustainedBy.every((set) => set.has(rate))).sort((a, b) => b - a)[0];
    if (common === undefined) continue;
    for (const name of names) {
      const step = run(name)?.steps.find((s) => s.rate === common && s.sustained);
      if (!step) continue;
      rows.push([String(clients), String(common), name + shared(step), `${step.serverUsPerReceipt ?? '–'} µs`, `${step.clientUsPerReceipt ?? '–'} µs`, String(step.messagesPerReceipt ?? '–'), String(step.bytesPerReceipt ?? '–')]);
    }
  }
  return table(['clients', 'updates/s', 'server', 'server CPU per delivery', 'load generator CPU per delivery', 'messages per delivery', 'bytes per delivery'], rows);
}

export function lossTable(results: BenchResults): string {
  const names = columns(results);
  const rows: string[][] = fanOutsOf(results).flatMap(({ label, runs }) =>
    runsByClients(runs).flatMap(({ clients, run }) => [
      [`${label} ${clients}: receipts never delivered`, ...names.map((n) => (run(n) ? count(run(n)!.neverDelivered) : '–'))],
      [`${label} ${clients}: updates in storage after restart`, ...names.map((n) => (run(n) ? `${count(run(n)!.stored.found)} of ${count(run(n)!.stored.expected)}` : '–'))],
    ]),
  );
  rows.push(['memory: documents whose content came back', ...names.map((n) => {
    const m = results.memory.results[n];
    return m ? `${m.verified} of ${m.loaded}` : '–';
  })]);
  rows.push(['cold load: loads that showed every update', ...names.map((n) => {
    const c = results.coldLoad.results[n];
    if (!c) return '–';
    const loads = [c.before, ...c.after];
    return `${loads.filter((l) => l.contentMs !== null).length} of ${loads.length}`;
  })]);
  rows.push(['verdict', ...names.map((n) => {
    const losses = lossesOf(results, n);
    return losses === null ? '–' : losses.length === 0 ? 'nothing lost' : '**lost updates**';
  })]);
  return table(['check', ...names], rows);
}

export function memoryTable(results: BenchResults): string {
  const names = columns(results);
  const memory = results.memory.results;
  const reading = (n: ServerName, i: number) => memory[n]?.readings[i];
  const rows: string[][] = [
    ['RSS with one document loaded (baseline)', ...names.map((n) => (memory[n] ? mib(memory[n]!.baseline.rssBytes) : '–')), ...ratioCells(results, (n) => memory[n]?.baseline.rssBytes)],
  ];
  const documents = memory[names[0]!]?.readings.map((r) => r.documents) ?? [];
  const perDocument = (label: string, value: (n: ServerName) => number | undefined): void => {
    rows.push([label, ...names.map((n) => (value(n) === undefined ? '–' : kib(value(n)!))), ...ratioCells(results, value)]);
  };
  documents.forEach((docs, i) => {
    perDocument(`**RSS per document**, ${docs} loaded, over the baseline`, (n) => reading(n, i)?.rssPerDocument);
    perDocument(`V8 heap per document, ${docs} loaded, over the baseline`, (n) => reading(n, i)?.heapPerDocument);
  });
  if (documents.length === 2) {
    perDocument(`**RSS per document**, marginal from ${documents[0]} to ${documents[1]} loaded`, (n) => memory[n]?.marginal.rssPerDocument);
    perDocument(`V8 heap per document, marginal from ${documents[0]} to ${documents[1]} loaded`, (n) => memory[n]?.marginal.heapPerDocument);
  }
  return table(['', ...names, ...ratioHeaders(results)], rows);
}

export function coldLoadTable(results: BenchResults): string {
  const names = columns(results);
  const cold = results.coldLoad.results;
  const rows: string[][] = [
    ['import (offline, own storage API)', ...names.map((n) => (cold[n] ? ms(cold[n]!.importMs) : '–')), ...ratioCells(results, () => null)],
    ['stored entries before', ...names.map((n) => (cold[n] ? count(cold[n]!.entriesBefore) : '–')), ...ratioCells(results, () => null)],
    ["before: provider's 'synced'", ...names.map((n) => ms(cold[n]?.before.syncedMs)), ...ratioCells(results, () => null)],
    ['**before: all updates in the client**', ...names.map((n) => ms(cold[n]?.before.contentMs) + shared(cold[n]?.before)), ...ratioCells(results, (n) => cold[n]?.before.contentMs)],
    ['stored entries after the first load', ...names.map((n) => (cold[n] ? count(cold[n]!.entriesAfter) : '–')), ...ratioCells(results, () => null)],
    ['**after: all updates in the client** (median)', ...names.map((n) => ms(cold[n] ? medianContentMs(cold[n]!.after) : null)), ...ratioCells(results, (n) => (cold[n] ? medianContentMs(cold[n]!.after) : null))],
    ['after: each load', ...names.map((n) => cold[n]?.after.map((a) => ms(a.contentMs) + shared(a)).join(', ') ?? '–'), ...ratioCells(results, () => null)],
    ['other processes during the loads (before; after)', ...names.map((n) => (cold[n] ? `${cold[n]!.before.otherCpuPct}%; ${cold[n]!.after.map((a) => `${a.otherCpuPct}%`).join(', ')}` : '–')), ...ratioCells(results, () => null)],
  ];
  return table(['', ...names, ...ratioHeaders(results)], rows);
}

export function targetTable(results: BenchResults): string {
  return table(
    ['target', 'scope', ours, 'best peer', 'ratio', 'verdict'],
    checkTargets(results).map((c) => [c.target, c.scope, c.ours, c.bestPeer, c.ratio, verdict(c.met)]),
  );
}

export function stepsTable(results: BenchResults, fanOut: FanOutRuns): string {
  const rows: string[][] = [];
  for (const { clients, run } of runsByClients(fanOut)) {
    for (const name of columns(results)) {
      for (const s of run(name)?.steps ?? []) {
        rows.push([
          String(clients), name, String(s.rate), ms(s.p50Ms), ms(s.p99Ms), ms(s.maxMs),
          s.quarterP50Ms.map((q) => (q === null ? '–' : q.toFixed(1))).join(' → '),
          s.drainedInMs === null ? 'no' : ms(s.drainedInMs),
          `${s.serverCpuPct}% / ${s.clientCpuPct}% / ${s.otherCpuPct}%`,
          (s.sustained ? 'yes' : `no: ${s.why}`) + shared(s),
        ]);
      }
    }
  }
  return table(
    ['clients', 'server', 'updates/s', 'p50', 'p99', 'max', 'p50 by quarter (ms)', 'drained', 'CPU server / load generator / other', 'sustained'],
    rows,
  );
}

/** Distinct problem lines (timestamps stripped), with how often each appeared. */
export function problemsSection(results: BenchResults): string {
  return columns(results)
    .map((name) => {
      const lines = results.problems[name] ?? [];
      if (lines.length === 0) return `- ${name}: none`;
      const counts = new Map<string, number>();
      for (const line of lines) {
        const key = line.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z\s*/, '').replace(/conn=\d+/, 'conn=…').slice(0, 200);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
      return [`- ${name}: ${lines.length} lines`, ...top.map(([line, n]) => `  - ${n} × \`${line.replace(/`/g, "'")}\``)].join('\n');
    })
    .join('\n');
}
