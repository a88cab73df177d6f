import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import type { RunningServer } from '../../server/main.ts';
import { silentLogger } from '../../server/log.ts';
import { CaseDoc } from '../../shared/schema/case.ts';
import { startServer } from '../../tests/compiled-server.ts';
import { seededRandom } from '../../tests/helpers/seeded-random.ts';
import { connectSynced, disconnect, type SyncedProvider } from '../clients/synced-provider.ts';
import { waitForQuiet } from '../stats/quiet.ts';
import { probeFor } from '../river/page-probe.ts';
import { ownPids, record, type Recording } from '../river/river-bench.ts';
import { addGridCard, benchHostId, fillGrids, writeBenchRoute } from './grids-fixture.ts';
import { runPhotoBench, type PhotoBenchResult } from './photo-bench.ts';

export interface GridsBenchResult {
  groups: number;
  rows: number;
  columns: number;
  cards: number;
  viewport: string;
  /** Per cold load of the comparison: the case document's state arriving → cards painted. */
  loadsMs: number[];
  firstRenderAfterSyncMs: number;
  remoteAdds: Recording & { added: number; intervalMs: number };
  /** Scripts the grid page loads, gzipped. */
  gridJs: { files: number; gzipTotal: number };
  photos: PhotoBenchResult;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const routeId = 'grids-bench';
const adminToken = 'bench-grids';
const viewport = { width: 1920, height: 1080 };
const groups = 6;
const cards = 600;

const connect = (server: RunningServer, docName: string): Promise<SyncedProvider> => connectSynced(server, docName, adminToken);

async function prepare(server: RunningServer): Promise<void> {
  const route = await connect(server, `route/${routeId}`);
  writeBenchRoute(route.doc, groups);
  const grid = await connect(server, `route/${routeId}/case/${benchHostId}`);
  fillGrids(grid.doc, { cards, groups, seed: 2013, now: Date.now() });
  const reader = await connect(server, `route/${routeId}/case/${benchHostId}`);
  while (new CaseDoc(reader.doc).cards().length < cards) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const client of [route, grid, reader]) disconnect(client);
}

async function openPage(browser: Browser, server: RunningServer, path: string) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: `localStorage.setItem('tributary.name', 'Bench'); localStorage.setItem('tributary.locale', 'en');` });
  await context.addInitScript({ content: probeFor('/case/', 20_000) });
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') void response.body().then((body) => scripts.set(response.url(), body), () => {});
  });
  await page.goto(`${server.url}${path}?token=${adminToken}`);
  await page.waitForFunction(() => (window as unknown as { __riverProbe: { paintedAt: number | null } }).__riverProbe.paintedAt !== null, null, { timeout: 60_000 });
  const probe = await page.evaluate(() => (window as unknown as { __riverProbe: Record<string, number> }).__riverProbe);
  return { context, page, scripts, renderAfterSyncMs: Math.round(probe.paintedAt! - probe.syncAt!) };
}

export async function runGridsBench(): Promise<GridsBenchResult> {
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-grids-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken, seedDemo: false, log: silentLogger });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await prepare(server);
    const comparePath = `/r/${routeId}/cases/${benchHostId}/compare`;
    const loadsMs: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await waitForQuiet(ownPids);
      const opened = await openPage(browser, server, comparePath);
      loadsMs.push(opened.renderAfterSyncMs);
      await opened.context.close();
    }
    const fresh = await openPage(browser, server, comparePath);
    await fresh.page.waitForTimeout(1000);
    const writer = await connect(server, `route/${routeId}/case/${benchHostId}`);
    const random = seededRandom(7);
    let added = 0;
    const intervalMs = 100;
    const timer = setInterval(() => addGridCard(writer.doc, random, ++added, Date.now()), intervalMs);
    const adding = await record(fresh.page, 5000, false);
    clearInterval(timer);
    disconnect(writer);
    await fresh.context.close();

    const grid = await openPage(browser, server, `/r/${routeId}/cases/${benchHostId}`);
    await grid.page.waitForTimeout(500);
    const files = [...grid.scripts.values()];
    await grid.context.close();
    const sorted = [...loadsMs].sort((a, b) => a - b);
    return {
      groups,
      rows: 9,
      columns: 3,
      cards,
      viewport: `${viewport.width}x${viewport.height}`,
      loadsMs,
      firstRenderAfterSyncMs: sorted[1]!,
      remoteAdds: { ...adding, added, intervalMs },
      gridJs: { files: files.length, gzipTotal: files.reduce((sum, body) => sum + gzipSync(body).length, 0) },
      photos: await runPhotoBench(),
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
