import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../server/persistence/sqlite-storage.ts';
import { controlDocName } from '../../shared/schema/doc-kinds.ts';
import { FairBoard } from '../../shared/schema/fair.ts';
import { compiledCli } from '../../tests/compiled-server.ts';
import { fillFinishedRoute, finishedRoute } from './finished-route.ts';
import { benchWrapUpWatchers, type WatchersResult } from './wrap-up-watchers.ts';

/**
 * Issue 15's benchmark, against the compiled server in a process of its own (so its memory is its own).
 *
 * Vote: forty participants joined over HTTP, the vote opened on the demo route's five plans; their ballots
 * sent over ten seconds, each one twice at once (two tabs); the room screen is a stock y-websocket client
 * with the screen's token on the control document, which is what the room screen's page reads. A ballot's
 * latency is from its request to the screen's first state counting every vote sent up to it.
 *
 * Report and archive: the same route then filled to issue 15's sizes in storage (finished-route.ts), the
 * server started again and left idle; then the report (HTML, the heaviest format, and Markdown), the
 * archive's download, and its import into a second server (which seeds its own demo route, so the archive
 * goes in under a new id). Each timed, with the
 * server's resident memory sampled every 5 ms against its idle RSS. Then forty open wrap-ups of the finished
 * route while cards are added (wrap-up-watchers.ts).
 */
export interface FairBenchResult {
  participants: number;
  ballots: number;
  windowMs: number;
  votesExpected: number;
  votesCounted: number;
  /** Every ballot's votes, on the server after the close, equal to what was sent. */
  everyBallotOnce: boolean;
  tallyP50Ms: number;
  tallyP99Ms: number;
  route: typeof finishedRoute;
  reportHtmlMs: number;
  reportMdMs: number;
  reportHtmlBytes: number;
  reportIdleRssBytes: number;
  reportPeakRssBytes: number;
  archiveMs: number;
  archiveBytes: number;
  archiveIdleRssBytes: number;
  archivePeakRssBytes: number;
  importMs: number;
  importIdleRssBytes: number;
  importPeakRssBytes: number;
  imported: { documents: number; snapshots: number; photos: number; people: number };
  wrapUpWatchers: WatchersResult;
}

const adminToken = 'bench-fair';
const routeId = 'laos-2013';
const participants = 40;
const windowMs = 10_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};
const log = (what: string): void => void process.stderr.write(`${new Date().toISOString()} fair bench: ${what}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

interface Child {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function startChild(dataDir: string): Promise<Child> {
  const port = await freePort();
  // With npm start's V8 flag: the server's memory as it serves.
  const child = spawn(process.execPath, ['--max-semi-space-size=2', compiledCli], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
    if (i > 400) throw new Error('the server did not start');
    await sleep(50);
  }
  return {
    url,
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // A server that has not stopped in 10 s is killed, so the bench run always ends (and says so).
      const timer = setTimeout(() => {
        log(`server ${child.pid} did not stop within 10 s of SIGTERM: killed`);
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `work` while sampling the child's RSS; resolves with its result, its time and the peak. */
async function measured<T>(child: Child, work: () => Promise<T>): Promise<{ value: T; ms: number; peak: number }> {
  let peak = rssOf(child.process.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.process.pid!))), 5);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: Math.round(performance.now() - started), peak: Math.max(peak, rssOf(child.process.pid!)) };
  } finally {
    clearInterval(sampler);
  }
}

async function call<T>(url: string, path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<T> {
  const token = init.token === undefined ? adminToken : init.token;
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A photo of the detail a camera's has (noise, blurred), 2000 x 1500 as the server keeps them. */
async function fieldPhoto(seed: number): Promise<Buffer> {
  const width = 2000;
  const height = 1500;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i += 1) noise[i] = ((i + seed * 7919) * 2654435761) >>> 24;
  return sharp(noise, { raw: { width, height, channels: 3 } }).blur(1.2).jpeg({ quality: 85 }).toBuffer();
}

async function benchVote(child: Child) {
  const codes = await call<Record<string, string>>(child.url, `/api/routes/${routeId}/join-codes`);
  const teams = (await call<{ plans: Array<{ teamId: string }> }>(child.url, `/api/routes/${routeId}/report?format=json`)).plans.map((plan) => plan.teamId);
  const people = await Promise.all(
    Array.from({ length: participants }, async (_, i) => {
      const teamId = teams[i % teams.length]!;
      const { token } = await call<{ token: string }>(child.url, '/api/join', { body: { code: codes.participant, name: `Voter ${i + 1}`, teamId, groupId: 'g1' }, token: null });
      // Three votes, at most the default per plan, none for their own team.
      return { token, votes: { [teams[(i + 1) % teams.length]!]: 2, [teams[(i + 2) % teams.length]!]: 1 } };
    }),
  );
  const screen = await call<{ token: string }>(child.url, '/api/join', { body: { code: codes.screen, name: '' }, token: null });
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${child.port}/sync`, controlDocName(routeId), doc, {
    params: { token: screen.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise((resolve) => provider.once('sync', resolve));
  const seen: Array<{ at: number; votes: number }> = [];
  doc.on('update', () => {
    const vote = new FairBoard(doc).read();
    const counted = vote.tally?.reduce((sum, line) => sum + line.votes, 0) ?? vote.votesCast;
    if (seen.length === 0 || counted > seen.at(-1)!.votes) seen.push({ at: performance.now(), votes: counted });
  });
  await call(child.url, `/api/routes/${routeId}/vote/open`, { body: { plans: teams } });
  const sentAt: number[] = [];
  await Promise.all(
    people.map(async (person, i) => {
      await sleep((i * windowMs) / participants);
      sentAt[i] = performance.now();
      const ballot = { method: 'PUT', body: { votes: person.votes }, token: person.token };
      await Promise.all([call(child.url, `/api/routes/${routeId}/vote/ballot`, ballot), call(child.url, `/api/routes/${routeId}/vote/ballot`, ballot)]);
    }),
  );
  const expected = participants * 3;
  for (let i = 0; i < 100 && (seen.at(-1)?.votes ?? 0) < expected; i++) await sleep(50);
  const latencies = sentAt.map((sent, i) => (seen.find((state) => state.votes >= 3 * (i + 1))?.at ?? Number.NaN) - sent);
  // The provider leaves its awareness (and the awareness's 3 s check interval) to the document: without
  // destroying the document too, that interval kept the bench process alive after it had printed its table.
  provider.destroy();
  doc.destroy();
  await call(child.url, `/api/routes/${routeId}/vote/close`, { body: {} });
  const state = await call<{ vote: { tally: Array<{ votes: number }> } }>(child.url, `/api/routes/${routeId}/vote`);
  const counted = state.vote.tally.reduce((sum, line) => sum + line.votes, 0);
  const mine = await Promise.all(people.map((person) => call<{ you: { ballot?: { votes: Record<string, number> } } }>(child.url, `/api/routes/${routeId}/vote`, { token: person.token })));
  const sorted = (votes: Record<string, number> = {}) => JSON.stringify(Object.entries(votes).sort());
  const everyBallotOnce = mine.every((answer, i) => sorted(answer.you.ballot?.votes) === sorted(people[i]!.votes)) && counted === expected;
  await call(child.url, `/api/routes/${routeId}/vote/publish`, { body: {} });
  return { expected, counted, everyBallotOnce, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function runFairBench(): Promise<FairBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-fair-bench-'));
  const importDir = await mkdtemp(join(tmpdir(), 'tributary-fair-bench-import-'));
  const children: Child[] = [];
  try {
    // First run: the demo route seeded, the vote, and the photos through the real upload.
    let child = await startChild(dataDir);
    children.push(child);
    const vote = await benchVote(child);
    log('vote done; uploading photos');
    const photoIds: string[] = [];
    for (let i = 0; i < finishedRoute.photos; i++) {
      const response = await fetch(`${child.url}/api/routes/${routeId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/jpeg' }, body: (await fieldPhoto(i)) as BodyInit });
      if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
      photoIds.push(((await response.json()) as { photo: { id: string } }).photo.id);
    }
    await child.stop();
    children.pop();
    log('photos uploaded; filling the route');
    const storage = openSqliteStorage(dataDir);
    await fillFinishedRoute(storage, routeId, photoIds, Date.now());
    await storage.close();
    log('filled; measuring');
    child = await startChild(dataDir);
    children.push(child);
    await sleep(3000);
    const reportIdle = rssOf(child.process.pid!);
    const text = (format: string) => async () => {
      const response = await fetch(`${child.url}/api/routes/${routeId}/report?format=${format}&lang=lo`, { headers: { authorization: `Bearer ${adminToken}` } });
      if (!response.ok) throw new Error(`report: ${response.status}`);
      return response.text();
    };
    const html = await measured(child, text('html'));
    const md = await measured(child, text('md'));
    await sleep(2000);
    const archiveIdle = rssOf(child.process.pid!);
    const archive = await measured(child, async () => {
      const response = await fetch(`${child.url}/api/routes/${routeId}/archive`, { headers: { authorization: `Bearer ${adminToken}` } });
      if (!response.ok) throw new Error(`archive: ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    });
    const wrapUpWatchers = await benchWrapUpWatchers({ url: child.url, port: child.port, pid: child.process.pid! }, routeId, adminToken);
    log('wrap-up watchers measured');

    const target = await startChild(importDir);
    children.push(target);
    await sleep(3000);
    const importIdle = rssOf(target.process.pid!);
    const imported = await measured(target, async () => {
      const response = await fetch(`${target.url}/api/routes/import?routeId=${routeId}-imported`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/x-tar' }, body: new Uint8Array(archive.value) });
      if (response.status !== 201) throw new Error(`import: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { imported: FairBenchResult['imported'] }).imported;
    });
    log('measured; stopping');
    return {
      participants,
      ballots: participants * 2,
      windowMs,
      votesExpected: vote.expected,
      votesCounted: vote.counted,
      everyBallotOnce: vote.everyBallotOnce,
      tallyP50Ms: vote.p50,
      tallyP99Ms: vote.p99,
      route: finishedRoute,
      reportHtmlMs: html.ms,
      reportMdMs: md.ms,
      reportHtmlBytes: html.value.length,
      reportIdleRssBytes: reportIdle,
      reportPeakRssBytes: Math.max(html.peak, md.peak),
      archiveMs: archive.ms,
      archiveBytes: archive.value.length,
      // Against the idle RSS measured just before it (after the report had loaded the route's documents).
      archivePeakRssBytes: archive.peak,
      archiveIdleRssBytes: archiveIdle,
      importMs: imported.ms,
      importIdleRssBytes: importIdle,
      importPeakRssBytes: imported.peak,
      imported: imported.value,
      wrapUpWatchers,
    };
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await rm(importDir, { recursive: true, force: true });
  }
}
