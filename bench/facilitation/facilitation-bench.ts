import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/main.ts';
import { silentLogger } from '../../server/log.ts';
import { CaseDoc } from '../../shared/schema/case.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import { startServer } from '../../tests/compiled-server.ts';

/**
 * Issue 14's benchmark. Joining: forty people ask `POST /api/join` at once and each connects a stock
 * y-websocket client to the river and the control document; from the first request to everyone synced.
 * Spotlight: the room screen in Chromium, 100 changes made over HTTP, each timed from the request to the
 * screen showing what was chosen, drawn (a MutationObserver reading the real clock): in turn the timer, the
 * day's schedule, and one row of a host's comparison (a board: its page loaded, its documents synced, the
 * row's cards laid out and fitted). Timers: 40 pages whose clocks are off by
 * up to ten minutes each way show a running timer; once all of them show it, for each second shown, the
 * spread of the real times at which the pages turned to it.
 */
export interface FacilitationBenchResult {
  people: number;
  joinAllSyncedMs: number;
  joinP50Ms: number;
  joinP99Ms: number;
  spotlightChanges: number;
  spotlightP50Ms: number;
  spotlightP99Ms: number;
  /** The changes to the comparison's row alone (a third of them). */
  spotlightRowP50Ms: number;
  spotlightRowP99Ms: number;
  timerPages: number;
  maxSkewMs: number;
  timerSeconds: number;
  /** Per second shown, the spread across pages; the worst of them, and the median. */
  timerSpreadMaxMs: number;
  timerSpreadMedianMs: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const adminToken = 'bench-facilitation';
const people = 40;
const spotlightChanges = 100;
const maxSkewMs = 10 * 60 * 1000;
/** How long the timer is watched once every page shows it. */
const sampledSeconds = 20;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};

async function api<T>(server: RunningServer, path: string, body?: unknown, token: string | null = adminToken): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function connect(server: RunningServer, docName: string, token: string): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, docName, new Y.Doc(), {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return new Promise((resolve) => provider.once('sync', () => resolve(provider)));
}

/** The provider and its document: the provider leaves its awareness's 3 s interval to the document's destroy. */
function close(provider: WebsocketProvider): void {
  provider.destroy();
  provider.doc.destroy();
}

async function prepareRoute(server: RunningServer): Promise<{ routeId: string; codes: Record<string, string> }> {
  const created = await api<{ route: { id: string } }>(server, '/api/routes', { title: 'Bench route', startDate: '2025-01-06', endDate: '2025-01-07' });
  const routeId = created.route.id;
  const setup = await connect(server, `route/${routeId}`, adminToken);
  new RouteDoc(setup.doc).add('teams', { id: 't1', name: 'Team one', organisation: '', planTitle: '', community: '' });
  new RouteDoc(setup.doc).add('schedule', { id: 's1', dayId: 'd1', time: '09:00', title: 'Opening' });
  // A host whose comparison row the spotlight shows: three groups, six cards each in its lessons row.
  new RouteDoc(setup.doc).add('hosts', { id: 'h1', name: 'Coffee cooperative', place: '', summary: '', dayId: 'd1' });
  for (const group of ['g1', 'g2', 'g3']) new RouteDoc(setup.doc).add('groups', { id: group, name: `Group ${group.slice(1)}` });
  const grid = await connect(server, `route/${routeId}/case/h1`, adminToken);
  const cases = new CaseDoc(grid.doc);
  grid.doc.transact(() => {
    ['g1', 'g2', 'g3'].forEach((groupId, g) =>
      ['community', 'publicSector', 'privateSector'].forEach((columnId, c) => {
        for (let n = 0; n < 2; n += 1) cases.addCard({ text: `Lesson ${g + 1}.${c + 1}.${n + 1}: trust first, contract second`, author: 'Bench', authorId: 'bench', groupId, rowId: 'lessons', columnId }, 1);
      }),
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  close(setup);
  close(grid);
  return { routeId, codes: await api(server, `/api/routes/${routeId}/join-codes`) };
}

async function benchJoins(server: RunningServer, routeId: string, code: string) {
  const started = performance.now();
  const providers: WebsocketProvider[] = [];
  const times = await Promise.all(
    Array.from({ length: people }, async (_, i) => {
      const begin = performance.now();
      const { token } = await api<{ token: string }>(server, '/api/join', { code, name: `Person ${i + 1}`, teamId: 't1', groupId: 'g1' }, null);
      const synced = await Promise.all([connect(server, `route/${routeId}/river`, token), connect(server, `route/${routeId}/control`, token)]);
      providers.push(...synced);
      return performance.now() - begin;
    }),
  );
  const allSyncedMs = Math.round(performance.now() - started);
  providers.forEach(close);
  return { allSyncedMs, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function newPage(browser: Browser, path: string, token: string, skewMs = 0): Promise<{ context: BrowserContext; page: import('playwright-core').Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ content: `localStorage.setItem('tributary.name', 'Bench'); localStorage.setItem('tributary.locale', 'en');` });
  if (skewMs !== 0) {
    // This page's clock is off by skewMs; performance.timeOrigin + performance.now() stays the real one.
    await context.addInitScript({
      content: `(() => { const shift = ${skewMs}; const RealDate = Date; class Shifted extends RealDate { constructor(...a) { if (a.length === 0) super(RealDate.now() + shift); else super(...a); } static now() { return RealDate.now() + shift; } } globalThis.Date = Shifted; })();`,
    });
  }
  const page = await context.newPage();
  await page.goto(`${path}?token=${token}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  return { context, page };
}

/** What the spotlight shows in turn, and what is on the room screen once it is drawn. */
const spotlightTargets = [
  { view: { board: 'timer' }, drawn: '[data-testid="timer"]' },
  { view: { board: 'setup' }, drawn: '.schedule li' },
  { view: { board: 'case', id: 'h1', part: 'compare:lessons' }, drawn: '[data-testid="row-screen"][data-font] [data-testid="card"]' },
] as const;

async function benchSpotlight(browser: Browser, server: RunningServer, routeId: string, screenToken: string) {
  const { context, page } = await newPage(browser, `${server.url}/r/${routeId}/screen`, screenToken);
  await page.getByTestId('room-screen').waitFor();
  await page.evaluate(() => {
    const shown: Record<string, number> = {};
    const state = window as unknown as { __shown: Record<string, number>; __drawn: string };
    state.__shown = shown;
    new MutationObserver(() => {
      const spotlight = document.querySelector('[data-testid="spotlight"]');
      const seq = spotlight?.getAttribute('data-seq');
      if (seq && shown[seq] === undefined && spotlight!.querySelector(state.__drawn)) shown[seq] = performance.timeOrigin + performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq', 'data-font'] });
  });
  const latencies: number[] = [];
  const rowLatencies: number[] = [];
  for (let i = 0; i < spotlightChanges; i++) {
    const target = spotlightTargets[i % spotlightTargets.length]!;
    await page.evaluate((drawn) => ((window as unknown as { __drawn: string }).__drawn = drawn), target.drawn);
    const sent = performance.timeOrigin + performance.now();
    const { spotlight } = await api<{ spotlight: { seq: number } }>(server, `/api/routes/${routeId}/control/spotlight`, target.view);
    const handle = await page.waitForFunction((seq) => (window as unknown as { __shown: Record<string, number> }).__shown[String(seq)], spotlight.seq, { timeout: 10_000 });
    const latency = (await handle.jsonValue())! - sent;
    latencies.push(latency);
    if (target.view.board === 'case') rowLatencies.push(latency);
  }
  await context.close();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rowP50: percentile(rowLatencies, 50), rowP99: percentile(rowLatencies, 99) };
}

async function benchTimer(browser: Browser, server: RunningServer, routeId: string, token: string) {
  // Opened four at a time: forty at once is more than two cores load within a page timeout.
  const pages: Array<Awaited<ReturnType<typeof newPage>>> = [];
  for (let i = 0; i < people; i += 4) {
    const batch = Array.from({ length: Math.min(4, people - i) }, (_, j) => {
      // Spread evenly from ten minutes slow to ten minutes fast.
      const skew = Math.round(-maxSkewMs + (2 * maxSkewMs * (i + j)) / (people - 1));
      return newPage(browser, `${server.url}/r/${routeId}/plans`, token, skew);
    });
    pages.push(...(await Promise.all(batch)));
  }
  await Promise.all(pages.map(({ page }) => page.getByTestId('room-bar').waitFor({ state: 'attached', timeout: 60_000 })));
  for (const { page } of pages) {
    await page.evaluate(() => {
      const turns: Record<string, number> = {};
      (window as unknown as { __turns: Record<string, number> }).__turns = turns;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="room-bar"] [data-testid="timer-time"]')?.textContent;
        if (text && turns[text] === undefined) turns[text] = performance.timeOrigin + performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }
  // Long enough for the slowest of forty pages on two loaded cores to hear of it and still count down
  // for a while; only seconds that every page turned to after all of them showed the timer are counted,
  // so a page's first second (when it heard, not a turn) never enters a spread.
  await api(server, `/api/routes/${routeId}/control/timer`, { action: 'start', durationMs: 10 * 60_000, label: 'Bench' });
  await Promise.all(
    pages.map(({ page }) =>
      page.waitForFunction(() => document.querySelector('[data-testid="room-bar"] [data-testid="timer"][data-state="running"] [data-testid="timer-time"]') !== null, null, {
        timeout: 180_000,
        polling: 500,
      }),
    ),
  );
  const allShowing = performance.timeOrigin + performance.now();
  await new Promise((resolve) => setTimeout(resolve, sampledSeconds * 1000));
  const turns = await Promise.all(pages.map(({ page }) => page.evaluate(() => (window as unknown as { __turns: Record<string, number> }).__turns)));
  const spreads: number[] = [];
  const shownTexts = new Set(turns.flatMap((turn) => Object.keys(turn)));
  for (const text of shownTexts) {
    const at = turns.map((turn) => turn[text]).filter((time): time is number => time !== undefined && time > allShowing);
    if (at.length === pages.length) spreads.push(Math.max(...at) - Math.min(...at));
  }
  for (const { context } of pages) await context.close();
  if (spreads.length === 0) return { seconds: 0, max: 0, median: 0 };
  return { seconds: spreads.length, max: Math.round(Math.max(...spreads)), median: percentile(spreads, 50) };
}

export async function runFacilitationBench(): Promise<FacilitationBenchResult> {
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-facilitation-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken, seedDemo: false, log: silentLogger });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const { routeId, codes } = await prepareRoute(server);
    const joins = await benchJoins(server, routeId, codes.participant!);
    const screen = await api<{ token: string }>(server, '/api/join', { code: codes.screen, name: '' }, null);
    const spotlight = await benchSpotlight(browser, server, routeId, screen.token);
    const participant = await api<{ token: string }>(server, '/api/join', { code: codes.participant, name: 'Timer reader', teamId: 't1', groupId: 'g1' }, null);
    const timer = await benchTimer(browser, server, routeId, participant.token);
    return {
      people,
      joinAllSyncedMs: joins.allSyncedMs,
      joinP50Ms: joins.p50,
      joinP99Ms: joins.p99,
      spotlightChanges,
      spotlightP50Ms: spotlight.p50,
      spotlightP99Ms: spotlight.p99,
      spotlightRowP50Ms: spotlight.rowP50,
      spotlightRowP99Ms: spotlight.rowP99,
      timerPages: people,
      maxSkewMs,
      timerSeconds: timer.seconds,
      timerSpreadMaxMs: timer.max,
      timerSpreadMedianMs: timer.median,
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
