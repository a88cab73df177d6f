import type { ByServer } from '../results.ts';
import type { RuntimeResult } from '../scenarios/runtime.ts';
import { median, mib, ms, table, verdict } from './format.ts';

const mebibyte = 2 ** 20;

/** The runtime scenario beside the y-websocket reference, with the targets and verdicts. */
export function runtimeTable(results: ByServer<RuntimeResult>): string {
  const ours = results.tributary;
  const reference = results['y-websocket'];
  const names = (['tributary', 'y-websocket'] as const).filter((name) => results[name]);
  const cell = (pick: (r: RuntimeResult) => string): string[] => names.map((name) => pick(results[name]!));
  const firstSync = (r: RuntimeResult): number => median(r.firstContentMs) ?? Infinity;
  const check = (met: (o: RuntimeResult, ref: RuntimeResult) => boolean): string =>
    ours === undefined ? verdict(null) : reference === undefined ? verdict(null) : verdict(met(ours, reference));
  const rows: string[][] = [
    ['start to healthy (each start)', ...cell((r) => r.startMs.map((v) => ms(v)).join(', ')), 'under 1 s', ours ? verdict(Math.max(...ours.startMs) < 1000) : verdict(null)],
    ['idle RSS after start', ...cell((r) => mib(r.idleRssBytes)), 'reference + 10 MiB', check((o, ref) => o.idleRssBytes <= ref.idleRssBytes + 10 * mebibyte)],
    [`peak RSS, 40 clients on 5 documents`, ...cell((r) => `${mib(r.loadPeakRssBytes)} (${r.loadUpdatesSent.toLocaleString('en-US')} updates)`), 'at most the reference', check((o, ref) => o.loadPeakRssBytes <= ref.loadPeakRssBytes)],
    [`peak RSS, the ${ours?.traceEdits.toLocaleString('en-US') ?? ''}-edit trace (10 edits a message)`, ...cell((r) => mib(r.tracePeakRssBytes)), 'at most the reference', check((o, ref) => o.tracePeakRssBytes <= ref.tracePeakRssBytes)],
    ["first sync after a restart: provider's 'synced' (each)", ...cell((r) => r.firstSyncMs.map((v) => ms(v)).join(', ')), '', ''],
    ['**first sync after a restart: whole text in the client** (median; each)', ...cell((r) => `${ms(firstSync(r))}; ${r.firstContentMs.map((v) => ms(v)).join(', ')}`), 'under 100 ms and at most half the reference', check((o, ref) => firstSync(o) < 100 && firstSync(o) <= firstSync(ref) / 2)],
  ];
  return table(['', ...names, 'target', 'verdict'], rows);
}
