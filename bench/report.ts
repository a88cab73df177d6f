import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResults } from './results.ts';
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
import { sharedNote } from './report/format.ts';

const benchmarksFile = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const start = '<!-- bench:results:start (written by `npm run bench`; edit the text around it, not inside) -->';
const end = '<!-- bench:results:end -->';

function renderResults(results: BenchResults): string {
  return [
    '### Machine',
    machineTable(results),
    '### Targets',
    targetTable(results),
    '### Fan-out: latency from send to receipt at every other client, at a fixed load',
    latencyTable(results),
    '### Fan-out: highest sustained rate',
    throughputTable(results),
    '### Fan-out: who was saturated',
    'CPU as a percentage of one core over the step (this machine has ' + `${results.machine.cores}` + '): the server process, the load-generating client processes together, and everything else.',
    saturationTable(results),
    '### Fan-out: what one delivery costs, at the highest rate all servers sustained',
    'A delivery is one update reaching one other client. Client CPU is summed over all clients; messages and bytes are what the clients received (awareness and acknowledgements included) per delivery.',
    costTable(results),
    '### Lost updates',
    lossTable(results),
    `### Memory, ${results.memory.documents} loaded documents`,
    memoryTable(results),
    `### Cold load of a document with ${results.coldLoad.updates.toLocaleString('en-US')} stored updates`,
    coldLoadTable(results),
    sharedNote,
    ...(results.river ? ['### The river page in the browser', riverTable(results.river)] : []),
    '### Problems the servers printed',
    problemsSection(results),
    '<details><summary>Every fan-out step</summary>\n',
    stepsTable(results),
    '\n</details>',
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
