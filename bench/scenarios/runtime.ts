import * as Y from 'yjs';
import { connect } from '../clients/connect.ts';
import type { BenchClient } from '../clients/bench-client.ts';
import { nowMs, sleep } from '../clock.ts';
import type { RunningServer, ServerSpec } from '../servers/server-spec.ts';
import { waitForQuiet } from '../stats/quiet.ts';
import { countEdits, loadEditingTrace, type EditingTrace } from './editing-trace.ts';
import { freshDataDir, startServer, type Workspace } from './workspace.ts';

export interface RuntimeResult {
  /** Launch of the process to its first healthy answer, each start of this scenario. */
  startMs: number[];
  /** Resident memory of a freshly started, idle server once it has levelled out. */
  idleRssBytes: number;
  /** Highest resident memory sampled while 40 clients type into 5 documents. */
  loadPeakRssBytes: number;
  loadUpdatesSent: number;
  /** Highest resident memory sampled while one client replays the editing trace, and for a while after. */
  tracePeakRssBytes: number;
  traceEdits: number;
  /** After a restart: the first client's connect to its provider's 'synced', and to the whole text present. */
  firstSyncMs: number[];
  firstContentMs: number[];
}

const loadClients = 40;
const loadDocuments = 5;
const loadMs = 20_000;
/** Each client types a character this often: 400 updates a second in the room, a busy workshop. */
const typingIntervalMs = 100;
const sampleMs = 100;
/** A Node process hands start-up memory back some seconds after it goes idle (memory.ts says more). */
const idleSettleMs = 15_000;
const steadyBytes = 256 * 1024;
const firstSyncRuns = 3;
const traceDoc = 'bench/runtime-trace';
/**
 * Edits per transaction while replaying, so one message each: a few keystrokes, as a provider batches fast
 * typing. One message per keystroke (259,778 of them) kept y-websocket's LevelDB writes busy for over ten
 * minutes on this machine.
 */
const editsPerTransaction = 10;
/** Transactions per macrotask while replaying. */
const replayChunk = 50;
const replayDeadlineMs = 10 * 60_000;

/**
 * What a venue laptop feels of the server process itself: start-up time, memory idle and under a room's
 * load, memory after a long real editing history, and how soon the first laptop is synced with that long
 * document after a restart.
 */
export async function runRuntime(spec: ServerSpec, workspace: Workspace, trace: EditingTrace = loadEditingTrace()): Promise<RuntimeResult> {
  const dataDir = freshDataDir(workspace, `${spec.name}-runtime`);
  const startMs: number[] = [];
  const start = async (scenario: string): Promise<RunningServer> => {
    await waitForQuiet(() => []);
    const launched = nowMs();
    const server = await startServer(spec, workspace, scenario, dataDir);
    startMs.push(Math.round(nowMs() - launched));
    return server;
  };

  const server = await start('runtime');
  let idleRssBytes: number;
  let loadPeakRssBytes: number;
  let loadUpdatesSent: number;
  let tracePeakRssBytes: number;
  try {
    await sleep(idleSettleMs);
    idleRssBytes = await steadyRss(server);
    ({ peak: loadPeakRssBytes, sent: loadUpdatesSent } = await typingLoad(server));
    tracePeakRssBytes = await replayTrace(server, trace);
  } finally {
    await server.stop();
  }

  const firstSyncMs: number[] = [];
  const firstContentMs: number[] = [];
  for (let run = 0; run < firstSyncRuns; run++) {
    const restarted = await start('runtime-first-sync');
    try {
      const { syncedMs, contentMs } = await firstSync(restarted, trace.endContent.length);
      firstSyncMs.push(syncedMs);
      firstContentMs.push(contentMs);
    } finally {
      await restarted.stop();
    }
  }
  return { startMs, idleRssBytes, loadPeakRssBytes, loadUpdatesSent, tracePeakRssBytes, traceEdits: countEdits(trace), firstSyncMs, firstContentMs };
}

async function steadyRss(server: RunningServer): Promise<number> {
  let last = server.rssBytes();
  for (;;) {
    await sleep(1000);
    const now = server.rssBytes();
    if (Math.abs(now - last) < steadyBytes) return now;
    last = now;
  }
}

/** Samples the server's RSS until `work` finishes; the highest sample. */
async function peakWhile(server: RunningServer, work: Promise<unknown>): Promise<number> {
  let peak = server.rssBytes();
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    peak = Math.max(peak, server.rssBytes());
    await sleep(sampleMs);
  }
  await work;
  return Math.max(peak, server.rssBytes());
}

async function typingLoad(server: RunningServer): Promise<{ peak: number; sent: number }> {
  const clients: BenchClient[] = [];
  let sent = 0;
  const work = (async () => {
    for (let i = 0; i < loadClients; i++) clients.push(connect(server.endpoint, `bench/runtime-load-${i % loadDocuments}`));
    await Promise.all(clients.map((c) => c.synced));
    const timers = clients.map((client, i) =>
      setInterval(() => {
        const text = client.doc.getText('body');
        text.insert(text.length, String.fromCharCode(97 + (i % 26)));
        sent++;
      }, typingIntervalMs),
    );
    await sleep(loadMs);
    for (const timer of timers) clearInterval(timer);
    // What was typed last has reached the server and been fanned out before the clients leave.
    await sleep(2000);
  })();
  try {
    return { peak: await peakWhile(server, work), sent };
  } finally {
    for (const client of clients) client.destroy();
  }
}

/** One client types the whole trace, an edit per transaction; a second one watches for the end. */
async function replayTrace(server: RunningServer, trace: EditingTrace): Promise<number> {
  const writer = connect(server.endpoint, traceDoc);
  const watcher = connect(server.endpoint, traceDoc);
  const work = (async () => {
    await Promise.all([writer.synced, watcher.synced]);
    const text = writer.doc.getText('body');
    const patches = trace.txns.flatMap((txn) => txn.patches);
    const perChunk = editsPerTransaction * replayChunk;
    for (let i = 0; i < patches.length; i += perChunk) {
      for (let j = i; j < Math.min(i + perChunk, patches.length); j += editsPerTransaction) {
        writer.doc.transact(() => {
          for (const [position, deleteCount, insert] of patches.slice(j, j + editsPerTransaction)) {
            if (deleteCount > 0) text.delete(position, deleteCount);
            if (insert !== '') text.insert(position, insert);
          }
        });
      }
      await sleep(0);
    }
    const watched = watcher.doc.getText('body');
    const deadline = nowMs() + replayDeadlineMs;
    while (watched.length !== trace.endContent.length || watched.toString() !== trace.endContent) {
      if (nowMs() > deadline) throw new Error('the replayed trace did not reach the watching client within 10 minutes');
      await sleep(50);
    }
    // Memory the server holds once the history is in: background compaction and snapshots have run by then.
    await sleep(5000);
  })();
  try {
    return await peakWhile(server, work);
  } finally {
    writer.destroy();
    watcher.destroy();
  }
}

async function firstSync(server: RunningServer, length: number): Promise<{ syncedMs: number; contentMs: number }> {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  const started = nowMs();
  const client = connect(server.endpoint, traceDoc, doc);
  try {
    await client.synced;
    const syncedMs = nowMs() - started;
    while (text.length !== length) await sleep(1);
    return { syncedMs: round1(syncedMs), contentMs: round1(nowMs() - started) };
  } finally {
    client.destroy();
  }
}

const round1 = (ms: number): number => Math.round(ms * 10) / 10;
