/**
 * `npx tsx bench/grids/main.ts`: the case grids' comparison in headless Chromium and photo uploads to the
 * compiled server. Prints a Markdown table (for BENCHMARKS.md) and writes bench/results/grids.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build-server.ts';
import { gridsTable } from './grids-table.ts';
import { runGridsBench } from './grids-bench.ts';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
await buildServer();
const result = await runGridsBench();
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}grids.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(gridsTable(result));
