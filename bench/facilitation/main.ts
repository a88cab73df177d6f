/**
 * `npx tsx bench/facilitation/main.ts`: issue 14's joining, spotlight and timer measurements against the
 * compiled server. Prints a Markdown table (for BENCHMARKS.md) and writes bench/results/facilitation.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build-server.ts';
import { facilitationTable } from './facilitation-table.ts';
import { runFacilitationBench } from './facilitation-bench.ts';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
await buildServer();
const result = await runFacilitationBench();
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}facilitation.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(facilitationTable(result));
