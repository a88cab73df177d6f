import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { build } from 'vite';
import { openSqliteStorage } from '../../server/persistence/sqlite-storage.ts';
import { adminToken, log, measured, rssOf, sleep, startChild, type Child } from './child-server.ts';
import { fillFinishedRoute, finishedRoute } from './finished-route.ts';
import { benchVote, participants, routeId, windowMs } from './vote-bench.ts';
import { benchWrapUpWatchers, type WatchersResult } from './wrap-up-watchers.ts';

/**
 * Issue 15's benchmark, against the compiled server in a process of its own (so its memory is its own).
 *
 * Vote: forty participants voting over ten seconds (vote-bench.ts).
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
  /** The same, to the room screen's tally page in Chromium drawing it. */
  tallyPageP50Ms: number;
  tallyPageP99Ms: number;
  /** The votes the page drew in the end (of votesExpected). */
  tallyPageVotes: number;
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

/** A photo of the detail a camera's has (noise, blurred), 2000 x 1500 as the server keeps them. */
async function fieldPhoto(seed: number): Promise<Buffer> {
  const width = 2000;
  const height = 1500;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i += 1) noise[i] = ((i + seed * 7919) * 2654435761) >>> 24;
  return sharp(noise, { raw: { width, height, channels: 3 } }).blur(1.2).jpeg({ quality: 85 }).toBuffer();
}

export async function runFairBench(): Promise<FairBenchResult> {
  // The room screen's tally page is the built client, as the server serves it.
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
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
      tallyPageP50Ms: vote.pageP50,
      tallyPageP99Ms: vote.pageP99,
      tallyPageVotes: vote.pageDrawn,
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
