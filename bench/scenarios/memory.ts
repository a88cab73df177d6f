import { connect } from '../clients/connect.ts';
import type { BenchClient } from '../clients/bench-client.ts';
import { nowMs, sleep } from '../clock.ts';
import type { RunningServer, ServerSpec } from '../servers/server-spec.ts';
import { hasSmallContent, writeSmallContent } from './small-content.ts';
import { freshDataDir, startServer, type Workspace } from './workspace.ts';

/** Server memory with some documents loaded, after a forced full GC. */
interface MemoryReading {
  documents: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Growth over the baseline, divided by `documents`. */
  rssPerDocument: number;
  heapPerDocument: number;
}

export interface MemoryResult {
  baseline: { rssBytes: number; heapUsedBytes: number };
  /** After the first `documents` (the measurement), then after as many again (a second reading). */
  readings: MemoryReading[];
  /** Growth from the first reading to the second, per document: no start-up effects on either side. */
  marginal: { rssPerDocument: number; heapPerDocument: number };
  /** Documents whose content came back whole after the restart (all of them, or something was lost). */
  verified: number;
  loaded: number;
}

/** Clients connected at once while populating and loading: a room filling up, not a thundering herd. */
const concurrency = 20;
/** Idle time before reading memory: timers that run after a load (debounced stores, snapshots) have run. */
const settleMs = 4000;
/**
 * A Node process returns start-up memory to the system some seconds after it goes idle (V8's memory
 * reducer): 104 → 86 MB about 10 s after start for a server run through tsx. A baseline read before that
 * makes the loaded server look smaller than the idle one, so readings wait for RSS to level out.
 */
const minSinceStartMs = 15_000;
const steadyBytes = 256 * 1024;
const steadySamples = 3;

/**
 * Server memory per loaded document. Documents are written through the protocol, the server is restarted
 * so that none is in memory, then one client per document loads it and stays connected (every server here
 * unloads a document when its last connection goes, so a connection is part of the cost measured).
 * RSS moves by a few MB for reasons of its own (pages V8 keeps pooled or returns), as much as 100 small
 * documents cost, so the V8 heap in use is read too, and a second batch of documents gives a marginal
 * cost per document measured between two loaded states.
 */
export async function runMemory(spec: ServerSpec, workspace: Workspace, documents: number): Promise<MemoryResult> {
  const dataDir = freshDataDir(workspace, `${spec.name}-memory`);
  const batches = [0, 1].map((b) => Array.from({ length: documents }, (_, i) => ({ name: `bench/memory-${b * documents + i}`, seed: b * documents + i })));

  const writer = await startServer(spec, workspace, 'memory-populate', dataDir);
  try {
    await inGroups(batches.flat(), async ({ name, seed }) => {
      const client = connect(writer.endpoint, name);
      await client.synced;
      writeSmallContent(client.doc, seed);
      // The write has left the client; give the server a moment to receive it before the socket closes.
      await sleep(300);
      client.destroy();
    });
    await sleep(1000);
  } finally {
    await writer.stop();
  }

  const server = await startServer(spec, workspace, 'memory', dataDir, { inspect: true });
  const startedAt = nowMs();
  const clients: BenchClient[] = [];
  try {
    // One document loaded first, so that code paths every document uses are warm in the baseline.
    const warmup = connect(server.endpoint, 'bench/memory-warmup');
    clients.push(warmup);
    await warmup.synced;
    await sleep(Math.max(settleMs, startedAt + minSinceStartMs - nowMs()));
    const baseline = await readMemory(server);

    let verified = 0;
    const readings: MemoryReading[] = [];
    for (const batch of batches) {
      await inGroups(batch, async ({ name, seed }) => {
        const client = connect(server.endpoint, name);
        clients.push(client);
        await client.synced;
        if (await waitFor(() => hasSmallContent(client.doc, seed), 10_000)) verified++;
      });
      await sleep(settleMs);
      const reading = await readMemory(server);
      const loaded = readings.length * documents + documents;
      readings.push({
        documents: loaded,
        ...reading,
        rssPerDocument: Math.round((reading.rssBytes - baseline.rssBytes) / loaded),
        heapPerDocument: Math.round((reading.heapUsedBytes - baseline.heapUsedBytes) / loaded),
      });
    }
    const [first, second] = readings as [MemoryReading, MemoryReading];
    const marginal = {
      rssPerDocument: Math.round((second.rssBytes - first.rssBytes) / documents),
      heapPerDocument: Math.round((second.heapUsedBytes - first.heapUsedBytes) / documents),
    };
    return { baseline, readings, marginal, verified, loaded: batches.flat().length };
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
  }
}

async function inGroups<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += concurrency) {
    await Promise.all(items.slice(start, start + concurrency).map(run));
  }
}

/** Content may arrive after the provider reports synced (servers that load storage asynchronously). */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = nowMs() + timeoutMs;
  while (!condition()) {
    if (nowMs() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Heap after a full GC, then RSS once it has stayed within `steadyBytes` for `steadySamples` seconds. */
async function readMemory(server: RunningServer): Promise<{ rssBytes: number; heapUsedBytes: number }> {
  const heapUsedBytes = await server.heapUsedAfterGc();
  let previous = server.rssBytes();
  let steady = 0;
  const deadline = nowMs() + 30_000;
  while (steady < steadySamples && nowMs() < deadline) {
    await sleep(1000);
    const rss = server.rssBytes();
    steady = Math.abs(rss - previous) <= steadyBytes ? steady + 1 : 0;
    previous = rss;
  }
  return { rssBytes: previous, heapUsedBytes };
}
