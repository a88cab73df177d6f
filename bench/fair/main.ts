/**
 * `npx tsx bench/fair/main.ts`: issue 15's vote, report and archive measurements against the compiled
 * server. Prints a Markdown table (for BENCHMARKS.md) and writes bench/results/fair.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build-server.ts';
import { runFairBench } from './fair-bench.ts';
import { fairTable } from './fair-table.ts';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
await buildServer();
const result = await runFairBench();
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}fair.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(fairTable(result));
