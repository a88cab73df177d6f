import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { tributary } from '../servers/tributary.ts';
import { SettingError } from '../setting-error.ts';
import { benchBrowserArgs, runEditorBench, type LongPlanOpen, type RemoteKeystrokes } from './editor-bench.ts';
import { runPlanPage, type PlanPageResult } from './plan-page-bench.ts';

/** Issue 13's benchmark: remote keystrokes and the long plan side by side with Hocuspocus, then Tributary's own plan page and export. */
export interface PlansBenchResult {
  settings: { keystrokes: number; intervalMs: number; opens: number; localKeystrokes: number };
  remote: RemoteKeystrokes[];
  longPlan: LongPlanOpen[];
  planPage: PlanPageResult;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** BENCH_PLAN_KEYS shortens the remote keystrokes (2,000 by the issue) for a quick look. */
function keystrokesFromEnv(): number {
  const raw = process.env.BENCH_PLAN_KEYS;
  if (raw === undefined) return 2000;
  const keys = Number(raw);
  if (!Number.isInteger(keys) || keys < 10) throw new SettingError(`BENCH_PLAN_KEYS must be a whole number from 10, not ${raw}`);
  return keys;
}

/**
 * The keystrokes across the room, one every 30 ms: 33 a second, ten people typing steadily, a minute per
 * room and system. The compiled server must be built (run.ts and main.ts build it).
 */
export async function runPlansBench(options: { logDir: string }): Promise<PlansBenchResult> {
  const settings = { keystrokes: keystrokesFromEnv(), intervalMs: 30, opens: 3, localKeystrokes: 200 };
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  const editor = await runEditorBench({ ...settings, editorCounts: [2, 10], logDir: options.logDir });

  const dataDir = await mkdtemp(join(tmpdir(), 'plan-page-'));
  const server = await tributary.start(dataDir, join(options.logDir, 'plan-page-tributary.log'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: benchBrowserArgs });
  try {
    const planPage = await runPlanPage(browser, server, { opens: settings.opens, keystrokes: settings.localKeystrokes, exports: 5 });
    return { settings, ...editor, planPage };
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
