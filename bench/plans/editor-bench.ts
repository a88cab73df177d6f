import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hocuspocus } from '../servers/hocuspocus.ts';
import type { ServerSpec } from '../servers/server-spec.ts';
import { tributary } from '../servers/tributary.ts';
import { longPlanHtml } from './long-plan.ts';
import { planPageProbe, type PlanProbeWindow } from './page-probe.ts';
import { percentile } from './percentile.ts';

/**
 * Remote keystrokes, side by side: the same TipTap editor in headless Chromium, syncing through Tributary
 * (stock y-websocket provider) and through Hocuspocus (its own provider). `editors` pages each type into their
 * own paragraph in turn, one keystroke every `intervalMs` across the room, `keystrokes` in all; each keystroke is
 * timed from its keydown in the typing page to its text reaching the DOM of every other page.
 *
 * All pages are contexts of one Chromium (separate profiles, like separate laptops): ten browsers would not fit
 * two shared cores, and both systems get the same browser.
 */
export interface RemoteKeystrokes {
  system: string;
  editors: number;
  keystrokes: number;
  /** Keystroke × receiving page pairs measured. */
  receipts: number;
  /** Pairs that never arrived (should be 0). */
  missing: number;
  p50Ms: number;
  p99Ms: number;
  /** Keystrokes per second actually typed across the room. */
  typedPerSecond: number;
  identical: boolean;
}

/** The long plan (longPlanHtml) opened in the bench editor: a second laptop joining while one edits. */
export interface LongPlanOpen {
  system: string;
  /** Characters of text the opened editor shows. */
  characters: number;
  /** Navigation to the painted long plan, each fresh page. */
  openMs: number[];
  /** Keydown to painted, median and p99 over `keystrokes` typed into the opened plan. */
  keystrokes: number;
  keystrokeP50Ms: number;
  keystrokeP99Ms: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Uncapped frames: a keystroke's paint then waits for the work it took, not for the display's 60 Hz. */
export const benchBrowserArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const letters = 'the weavers of vang xai dye cotton with indigo and sell at the market ';

/** The bench page and its bundle, served on loopback. */
async function servePage(): Promise<{ server: Server; url: string }> {
  const bundle = await build({
    entryPoints: [join(repoRoot, 'bench/plans/editor-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]!.contents;
  const html = '<!doctype html><meta charset="utf-8"><title>editor bench</title><script type="module" src="/editor.js"></script>';
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/editor.js')) response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

type BenchWindow = PlanProbeWindow & {
  bench: {
    synced(): Promise<void>;
    seed(editors: number): void;
    seedHtml(html: string): void;
    focusStart(): void;
    paragraphs(): number;
    placeCaret(): number;
    text(): string;
    record(): { sentAt: number[]; seenAt: Array<Record<number, number>> };
  };
};

type Target = { url: string; params?: Record<string, string> };

/** One bench editor on `docName`, in a fresh context (a laptop of its own), once its page has loaded. */
async function openEditor(browser: Browser, pageUrl: string, spec: ServerSpec, endpoint: Target, docName: string, index: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript({ content: planPageProbe });
  const page = await context.newPage();
  const query = new URLSearchParams({ system: spec.name, url: endpoint.url, doc: docName, index: String(index), token: endpoint.params?.token ?? '' });
  await page.goto(`${pageUrl}?${query}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

/**
 * The long plan, written by one editor who stays in it (so both servers hold it in memory), then opened
 * `opens` times in a fresh page; in the last one, `keystrokes` typed at the start of the plan.
 */
async function runLongPlan(browser: Browser, pageUrl: string, spec: ServerSpec, endpoint: Target, opens: number, keystrokes: number): Promise<LongPlanOpen> {
  const docName = `bench/plan-long-${Date.now()}`;
  const writer = await openEditor(browser, pageUrl, spec, endpoint, docName, 0);
  await writer.evaluate(() => (window as unknown as BenchWindow).bench.synced());
  await writer.evaluate((html) => (window as unknown as BenchWindow).bench.seedHtml(html), longPlanHtml(13));
  const characters = await writer.evaluate(() => (window as unknown as BenchWindow).bench.text().length);
  const openMs: number[] = [];
  let reader: Page | null = null;
  for (let i = 0; i < opens; i++) {
    await reader?.context().close();
    reader = await openEditor(browser, pageUrl, spec, endpoint, docName, 1);
    const paintedAt = await reader.evaluate((n) => {
      const w = window as unknown as BenchWindow;
      return w.__planProbe.painted(() => w.bench.text().length >= n);
    }, characters);
    openMs.push(Math.round(paintedAt));
  }
  await reader!.evaluate(() => (window as unknown as BenchWindow).bench.focusStart());
  const times = await typeAndTime(reader!, keystrokes);
  await reader!.context().close();
  await writer.context().close();
  return { system: spec.name, characters, openMs, keystrokes, keystrokeP50Ms: round(percentile(times, 50)), keystrokeP99Ms: round(percentile(times, 99)) };
}

/** Types `count` letters into the focused editor, one every 50 ms (a fast typist), and returns each one's keydown-to-paint time. */
export async function typeAndTime(page: Page, count: number): Promise<number[]> {
  await page.evaluate(() => ((window as unknown as PlanProbeWindow).__planProbe.keystrokes.length = 0));
  for (let k = 0; k < count; k++) {
    await page.keyboard.press(letters[k % letters.length]!);
    await page.waitForTimeout(50);
  }
  await page.waitForFunction((n) => (window as unknown as PlanProbeWindow).__planProbe.keystrokes.length >= n, count);
  return page.evaluate(() => (window as unknown as PlanProbeWindow).__planProbe.keystrokes);
}

async function runOne(browser: Browser, pageUrl: string, spec: ServerSpec, endpoint: Target, editors: number, keystrokes: number, intervalMs: number): Promise<RemoteKeystrokes> {
  const docName = `bench/plan-editor-${editors}-${Date.now()}`;
  const pages: Page[] = [];
  for (let index = 0; index < editors; index++) {
    const page = await openEditor(browser, pageUrl, spec, endpoint, docName, index);
    await page.evaluate(() => (window as unknown as BenchWindow).bench.synced());
    if (index === 0) await page.evaluate((n) => (window as unknown as BenchWindow).bench.seed(n), editors);
    pages.push(page);
  }
  for (const page of pages) await page.waitForFunction((n) => (window as unknown as BenchWindow).bench.paragraphs() === n, editors, { timeout: 30_000 });
  const startLengths: number[] = [];
  for (const page of pages) startLengths.push(await page.evaluate(() => (window as unknown as BenchWindow).bench.placeCaret()));

  const started = performance.now();
  for (let k = 0; k < keystrokes; k++) {
    const wait = started + k * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await pages[k % editors]!.keyboard.press(letters[Math.floor(k / editors) % letters.length]!);
  }
  const typedPerSecond = Math.round((keystrokes / (performance.now() - started)) * 1000);
  // Until every page has every keystroke (or 10 s, counted as missing).
  const finalText = await pages[0]!.evaluate(() => (window as unknown as BenchWindow).bench.text());
  const deadline = Date.now() + 10_000;
  let identical = false;
  while (Date.now() < deadline) {
    const texts = await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as BenchWindow).bench.text())));
    identical = texts.every((text) => text === texts[0]) && texts[0]!.length >= finalText.length;
    if (identical && texts[0]!.length === startLengths.reduce((a, b) => a + b, 0) + keystrokes) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const records = await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as BenchWindow).bench.record())));
  const latencies: number[] = [];
  let missing = 0;
  records.forEach((writer, w) => {
    writer.sentAt.forEach((sent, j) => {
      const length = startLengths[w]! + j + 1;
      records.forEach((reader, r) => {
        if (r === w) return;
        const seen = reader.seenAt[w]?.[length];
        if (seen === undefined) missing++;
        else latencies.push(seen - sent);
      });
    });
  });
  for (const page of pages) await page.context().close();
  return { system: spec.name, editors, keystrokes, receipts: latencies.length, missing, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), typedPerSecond, identical };
}

export const round = (value: number): number => Math.round(value * 10) / 10;

export interface EditorBenchSettings {
  editorCounts: number[];
  /** Remote keystrokes per room. */
  keystrokes: number;
  /** Across the room, one keystroke every this many ms. */
  intervalMs: number;
  /** Fresh pages opening the long plan, and keystrokes typed into the last. */
  opens: number;
  localKeystrokes: number;
  logDir: string;
}

/** Both systems, each on a fresh server of its own per measure, in one Chromium with uncapped frames. */
export async function runEditorBench(options: EditorBenchSettings): Promise<{ remote: RemoteKeystrokes[]; longPlan: LongPlanOpen[] }> {
  const page = await servePage();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: benchBrowserArgs });
  const remote: RemoteKeystrokes[] = [];
  const longPlan: LongPlanOpen[] = [];
  const withServer = async <T>(spec: ServerSpec, run: (endpoint: Target) => Promise<T>): Promise<T> => {
    const dataDir = await mkdtemp(join(tmpdir(), `plan-editor-${spec.name}-`));
    const server = await spec.start(dataDir, join(options.logDir, `plan-editor-${spec.name}.log`));
    try {
      return await run(server.endpoint);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  try {
    for (const editors of options.editorCounts) {
      for (const spec of [tributary, hocuspocus]) {
        const result = await withServer(spec, (endpoint) => runOne(browser, page.url, spec, endpoint, editors, options.keystrokes, options.intervalMs));
        console.log(`  ${spec.name}, ${editors} editors: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms over ${result.receipts} receipts (${result.missing} missing, ${result.typedPerSecond} keys/s, identical ${result.identical})`);
        remote.push(result);
      }
    }
    for (const spec of [tributary, hocuspocus]) {
      const result = await withServer(spec, (endpoint) => runLongPlan(browser, page.url, spec, endpoint, options.opens, options.localKeystrokes));
      console.log(`  ${spec.name}, long plan in the bench editor (${result.characters} characters): open ${result.openMs.join('/')} ms, keystroke p50 ${result.keystrokeP50Ms} ms p99 ${result.keystrokeP99Ms} ms`);
      longPlan.push(result);
    }
  } finally {
    await browser.close();
    page.server.close();
  }
  return { remote, longPlan };
}
