/**
 * `npx tsx bench/plans/main.ts`: issue 13's plan editor measurements alone. Prints a Markdown table (for
 * BENCHMARKS.md) and writes bench/results/plans.json. BENCH_PLAN_KEYS shortens the remote keystrokes
 * (2,000 by default) for a quick look.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build-server.ts';
import { runPlansBench } from './plans-bench.ts';
import { plansTable } from './plans-table.ts';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
await buildServer();
const result = await runPlansBench({ logDir: mkdtempSync(join(tmpdir(), 'plans-bench-log-')) });
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}plans.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(plansTable(result));
