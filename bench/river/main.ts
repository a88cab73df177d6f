/**
 * `npx tsx bench/river/main.ts`: the river page in headless Chromium with 2,000 cards from 30 authors over
 * five days. Prints a Markdown table (for BENCHMARKS.md) and writes the numbers to bench/results/river.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { riverTable } from './river-table.ts';
import { runRiverBench } from './river-bench.ts';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const result = await runRiverBench();
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}river.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(riverTable(result));
