import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { RunningServer } from '../../server/main.ts';
import { startServer } from '../../tests/compiled-server.ts';
import { silentLogger } from '../../server/log.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { seededRandom } from '../../tests/helpers/seeded-random.ts';
import { processTree } from '../../scripts/services/binaries.ts';
import { connectSynced, disconnect, type SyncedProvider } from '../clients/synced-provider.ts';
import { maxOtherCpuPct, OtherLoad, waitForQuiet } from '../stats/quiet.ts';
import { pageProbe } from './page-probe.ts';
import { addVisibleCard, fillRiver } from './river-fixture.ts';

export interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** `otherCpuPct`: what other processes on the machine used meanwhile, in % of one core. */
export type Recording = FrameStats & { mainThread: MainThread; otherCpuPct: number };

interface RenderTiming {
  renderAfterSyncMs: number;
  inPageAfterSyncMs: number;
  navigationToPaintMs: number;
}

export interface RiverBenchResult {
  cards: number;
  authors: number;
  days: number;
  viewport: string;
  /** Per cold load: the river's full state arriving on the socket → cards in the page → painted. */
  loads: RenderTiming[];
  firstRenderAfterSyncMs: number;
  idle: Recording;
  panning: Recording;
  remoteAdds: Recording & { added: number; intervalMs: number };
  panningWhileAdding: Recording;
  /**
   * The room screen (`/r/<route>/screen`) on the same river: it sums a busy river up (each cell's newest and
   * chosen cards large, "+N more"), so its first render and its frames while cards arrive are its own.
   */
  screen: { loads: RenderTiming[]; firstRenderAfterSyncMs: number; remoteAdds: Recording & { added: number } };
  /** The scripts the river page loads before its first render, gzipped as a server would send them. */
  initialJs: { files: Array<{ name: string; bytes: number; gzip: number }>; gzipTotal: number; heavyEditorIncluded: boolean };
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const routeId = 'laos-2013';
const adminToken = 'bench-river';
const viewport = { width: 1920, height: 1080 };
const loads = 3;

export function stats(frames: number[]): FrameStats {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return { frames: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

const connectRiver = (server: RunningServer): Promise<SyncedProvider> => connectSynced(server, `route/${routeId}/river`, adminToken);

/** Fills the demo river up to `total` cards and waits until the server holds them all. */
async function prepareRiver(server: RunningServer, total: number, authors: number): Promise<void> {
  const writer = await connectRiver(server);
  const have = new RiverDoc(writer.doc).cards().length;
  fillRiver(writer.doc, { count: total - have, authors, dayIds: ['d1', 'd2', 'd3', 'd4', 'd5'], seed: 2013, now: Date.now() });
  const reader = await connectRiver(server);
  while (new RiverDoc(reader.doc).cards().length < total) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const client of [writer, reader]) disconnect(client);
}

async function openRiver(browser: Browser): Promise<{ context: BrowserContext; page: Page; scripts: Map<string, Buffer> }> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: `localStorage.setItem('tributary.name', 'Bench'); localStorage.setItem('tributary.locale', 'en');` });
  await context.addInitScript({ content: pageProbe });
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then((body) => scripts.set(new URL(response.url()).pathname, body), () => {});
  });
  return { context, page, scripts };
}

async function loadRiver(browser: Browser, server: RunningServer, page: 'river' | 'screen' = 'river') {
  const opened = await openRiver(browser);
  await opened.page.goto(`${server.url}/r/${routeId}/${page}?token=${adminToken}`);
  await opened.page.waitForFunction(() => (window as unknown as { __riverProbe: { paintedAt: number | null } }).__riverProbe.paintedAt !== null, null, { timeout: 60_000 });
  const probe = await opened.page.evaluate(() => (window as unknown as { __riverProbe: Record<string, number> }).__riverProbe);
  const timing = {
    renderAfterSyncMs: Math.round(probe.paintedAt! - probe.syncAt!),
    inPageAfterSyncMs: Math.round(probe.inPageAt! - probe.syncAt!),
    navigationToPaintMs: Math.round(probe.paintedAt!),
  };
  return { ...opened, timing };
}

export interface MainThread {
  /** Per frame, averaged over the recording, from Chrome's own counters. */
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** Everything the main thread did, painting included. */
  taskMs: number;
}

const counters = { scriptMs: 'ScriptDuration', styleMs: 'RecalcStyleDuration', layoutMs: 'LayoutDuration', taskMs: 'TaskDuration' } as const;

/** Frame times of a recording, and where the main thread spent them. */
export async function measure(page: Page, ms: number, pan: boolean): Promise<FrameStats & { mainThread: MainThread }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
  const before = await read();
  const frames = await page.evaluate(
    ([duration, panning]) => (window as unknown as { __riverProbe: { record: (ms: number, pan: boolean) => Promise<number[]> } }).__riverProbe.record(duration, panning),
    [ms, pan] as const,
  );
  const after = await read();
  await cdp.detach();
  const perFrame = (name: string): number => Number((((after[name] ?? 0) - (before[name] ?? 0)) * 1000 / frames.length).toFixed(2));
  const mainThread = Object.fromEntries(Object.entries(counters).map(([key, name]) => [key, perFrame(name)])) as unknown as MainThread;
  return { ...stats(frames), mainThread };
}

/** This process and everything it started (the server runs in it; Chromium and its renderers are children). */
export const ownPids = (): number[] => processTree(process.pid);

/**
 * A recording taken while the machine is otherwise quiet: frame times on two shared cores say nothing
 * when someone's test suite runs meanwhile, so a disturbed recording is taken again (at most twice).
 */
export async function record(page: Page, ms: number, pan: boolean): Promise<Recording> {
  for (let attempt = 1; ; attempt += 1) {
    await waitForQuiet(ownPids);
    const load = new OtherLoad(ownPids);
    const result = await measure(page, ms, pan);
    const otherCpuPct = load.sample();
    if (otherCpuPct <= maxOtherCpuPct || attempt === 3) return { ...result, otherCpuPct };
  }
}

/** Another participant adds a card at the top of a cell in view every `intervalMs` until stopped. */
async function startAdding(server: RunningServer, intervalMs: number): Promise<() => Promise<number>> {
  const client = await connectRiver(server);
  const random = seededRandom(7);
  let added = 0;
  const timer = setInterval(() => addVisibleCard(client.doc, random, ++added, Date.now()), intervalMs);
  return async () => {
    clearInterval(timer);
    disconnect(client);
    return added;
  };
}

export async function runRiverBench(options: { cards?: number; authors?: number } = {}): Promise<RiverBenchResult> {
  const cards = options.cards ?? 2000;
  const authors = options.authors ?? 30;
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-river-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken, seedDemo: true, log: silentLogger });
  // Uncapped frames: a frame's time is then the work it took, not the display's 60 Hz.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await prepareRiver(server, cards, authors);
    const timings = [];
    let last: Awaited<ReturnType<typeof loadRiver>> | null = null;
    for (let i = 0; i < loads; i += 1) {
      await last?.context.close();
      await waitForQuiet(ownPids);
      last = await loadRiver(browser, server);
      timings.push(last.timing);
    }
    const { page, scripts } = last!;
    await page.waitForTimeout(1000);
    const idle = await record(page, 2000, false);
    const panning = await record(page, 5000, true);
    await last!.context.close();

    const fresh = await loadRiver(browser, server);
    await fresh.page.waitForTimeout(1000);
    const intervalMs = 100;
    let stop = await startAdding(server, intervalMs);
    const adding = await record(fresh.page, 5000, false);
    const added = await stop();
    stop = await startAdding(server, intervalMs);
    const panningWhileAdding = await record(fresh.page, 5000, true);
    await stop();
    await fresh.context.close();

    const screenTimings: RenderTiming[] = [];
    let screen: Awaited<ReturnType<typeof loadRiver>> | null = null;
    for (let i = 0; i < loads; i += 1) {
      await screen?.context.close();
      await waitForQuiet(ownPids);
      screen = await loadRiver(browser, server, 'screen');
      screenTimings.push(screen.timing);
    }
    await screen!.page.waitForTimeout(1000);
    stop = await startAdding(server, intervalMs);
    const screenAdding = await record(screen!.page, 5000, false);
    const screenAdded = await stop();
    await screen!.context.close();

    const files = [...scripts].map(([name, body]) => ({ name, bytes: body.length, gzip: gzipSync(body).length }));
    const median = (of: RenderTiming[]): number => of.map((t) => t.renderAfterSyncMs).sort((a, b) => a - b)[Math.floor(of.length / 2)]!;
    return {
      cards,
      authors,
      days: 5,
      viewport: `${viewport.width}x${viewport.height}`,
      loads: timings,
      firstRenderAfterSyncMs: median(timings),
      idle,
      panning,
      remoteAdds: { ...adding, added, intervalMs },
      panningWhileAdding,
      screen: { loads: screenTimings, firstRenderAfterSyncMs: median(screenTimings), remoteAdds: { ...screenAdding, added: screenAdded } },
      initialJs: {
        files,
        gzipTotal: files.reduce((sum, file) => sum + file.gzip, 0),
        heavyEditorIncluded: [...scripts.values()].some((body) => /prosemirror|@tiptap|tiptap/i.test(body.toString('utf8'))),
      },
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
