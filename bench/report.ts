import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fanOutsOf, type BenchResults, type FanOutRuns } from './results.ts';
import {
  coldLoadTable,
  costTable,
  latencyTable,
  lossTable,
  machineTable,
  memoryTable,
  problemsSection,
  saturationTable,
  stepsTable,
  targetTable,
  throughputTable,
} from './report/tables.ts';
import { riverTable } from './river/river-table.ts';
import { runtimeTable } from './report/runtime-table.ts';
import { sharedNote } from './report/format.ts';

const benchmarksFile = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const start = '<!-- bench:results:start (written by `npm run bench`; edit the text around it, not inside) -->';
const end = '<!-- bench:results:end -->';

/** The same four tables for each kind of fan-out client. */
function fanOutSections(results: BenchResults, runs: FanOutRuns, title: string, loadGenerator: string): string[] {
  return [
    `### ${title}: latency from send to receipt at every other client, at a fixed load`,
    latencyRoundsNote(runs),
    latencyTable(results, runs),
    `### ${title}: highest sustained rate`,
    throughputTable(results, runs),
    `### ${title}: who was saturated`,
    `CPU as a percentage of one core over the step (this machine has ${results.machine.cores}): the server process, ${loadGenerator}, and everything else.`,
    saturationTable(results, runs),
    `### ${title}: what one delivery costs, at the highest rate all servers sustained`,
    'A delivery is one update reaching one other client. Load generator CPU is summed over all its clients; messages and bytes are what the clients received (awareness and acknowledgements included) per delivery.',
    costTable(results, runs),
  ];
}

function latencyRoundsNote(runs: FanOutRuns): string {
  const rounds = Math.max(0, ...Object.values(runs.results).flatMap((byClients) => byClients.map((r) => r.latencyRounds?.length ?? 1)));
  const window = Object.values(runs.settings)[0]?.latencyWindowMs ?? 0;
  if (rounds < 2) return `One ${window / 1000} s window per server.`;
  return `${rounds} rounds of a ${window / 1000} s window per server, the servers taking turns in each round; the table shows the round with the median p99, and in brackets the lowest and highest p99 of the rounds.`;
}

/** The raw clients share one process, spread over as many threads as the settings give for each client count. */
function rawLoadGenerator(runs: FanOutRuns): string {
  const threads = Object.entries(runs.settings).map(([clients, settings]) => `${settings.threads ?? 1} at ${clients} clients`);
  return `the one raw-socket load-generating process (its threads together: ${threads.join(', ')})`;
}

function renderResults(results: BenchResults): string {
  return [
    '### Machine',
    machineTable(results),
    '### Targets',
    targetTable(results),
    ...fanOutSections(results, results.fanOut, 'Fan-out', 'the load-generating client processes together'),
    ...(results.fanOutRaw ? fanOutSections(results, results.fanOutRaw, 'Fan-out with raw-socket clients', rawLoadGenerator(results.fanOutRaw)) : []),
    '### Lost updates',
    lossTable(results),
    `### Memory, ${results.memory.documents} loaded documents`,
    memoryTable(results),
    `### Cold load of a document with ${results.coldLoad.updates.toLocaleString('en-US')} stored updates`,
    coldLoadTable(results),
    sharedNote,
    ...(results.runtime ? ['### The server runtime on a venue laptop', runtimeTable(results.runtime.results)] : []),
    ...(results.river ? ['### The river page in the browser', riverTable(results.river)] : []),
    '### Problems the servers printed',
    problemsSection(results),
    ...fanOutsOf(results).flatMap(({ label, runs }) => [`<details><summary>Every ${label} step</summary>\n`, stepsTable(results, runs), '\n</details>']),
  ].join('\n\n');
}

/** Replaces the generated part of BENCHMARKS.md, keeping the hand-written text around it. */
export function writeReport(results: BenchResults): void {
  const generated = `${start}\n\n${renderResults(results)}\n\n${end}`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + generated + current.slice(to + end.length) : `${current.trimEnd()}\n\n${generated}\n`;
  writeFileSync(benchmarksFile, next);
}

// `npx tsx bench/report.ts` renders the tables again from bench/results/latest.json, without a new run.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeReport(JSON.parse(readFileSync(fileURLToPath(new URL('./results/latest.json', import.meta.url)), 'utf8')) as BenchResults);
}
