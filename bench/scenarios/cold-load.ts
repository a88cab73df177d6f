import * as Y from 'yjs';
import { connect } from '../clients/connect.ts';
import { nowMs, sleep } from '../clock.ts';
import type { ServerSpec } from '../servers/server-spec.ts';
import { maxOtherCpuPct, OtherLoad, waitForQuiet } from '../stats/quiet.ts';
import { holdsStoredUpdates } from './stored-updates.ts';
import { freshDataDir, startServer, type Workspace } from './workspace.ts';

interface LoadTiming {
  /** Provider creation to the provider's own 'synced'. */
  syncedMs: number;
  /** Provider creation to every stored update present and checked in the client's document. */
  contentMs: number | null;
  /** CPU other processes on the machine used meanwhile, in % of one core. */
  otherCpuPct: number;
}

export interface ColdLoadResult {
  updates: number;
  importMs: number;
  entriesBefore: number;
  before: LoadTiming;
  /** Stored entries once the first load and whatever compaction it triggers are done. */
  entriesAfter: number;
  /** Later cold loads, each on a freshly started server. */
  after: LoadTiming[];
}

const docName = 'bench/cold-load';
const afterRuns = 3;
const maxRetries = 2;
const contentTimeoutMs = 60_000;

/**
 * A document with `updates.length` stored updates, written offline through the system's own storage API,
 * loaded cold (freshly started server, nothing in memory) by one client: once as imported, then again
 * after the first load and a restart, which is when each system's compaction has had its chance.
 */
export async function runColdLoad(spec: ServerSpec, workspace: Workspace, updates: Uint8Array[]): Promise<ColdLoadResult> {
  const dataDir = freshDataDir(workspace, `${spec.name}-cold-load`);
  const importStart = nowMs();
  await spec.importUpdates(dataDir, docName, updates);
  const importMs = Math.round(nowMs() - importStart);
  const entriesBefore = await spec.storedEntries(dataDir, docName);

  const before = await loadOnce(spec, workspace, dataDir, updates.length, 'cold-load-before');
  const entriesAfter = await spec.storedEntries(dataDir, docName);
  const after: LoadTiming[] = [];
  for (let i = 0; i < afterRuns; i++) {
    let load = await loadOnce(spec, workspace, dataDir, updates.length, 'cold-load-after');
    // Only the later loads can be taken again: the first one changes what is stored.
    for (let retry = 0; retry < maxRetries && load.otherCpuPct > maxOtherCpuPct; retry++) {
      load = await loadOnce(spec, workspace, dataDir, updates.length, 'cold-load-after');
    }
    after.push(load);
  }
  return { updates: updates.length, importMs, entriesBefore, before, entriesAfter, after };
}

async function loadOnce(spec: ServerSpec, workspace: Workspace, dataDir: string, count: number, scenario: string): Promise<LoadTiming> {
  await waitForQuiet(() => []);
  const server = await startServer(spec, workspace, scenario, dataDir);
  const otherLoad = new OtherLoad(() => [server.pid]);
  try {
    const doc = new Y.Doc();
    const list = doc.getArray('log');
    const start = nowMs();
    const client = connect(server.endpoint, docName, doc);
    let syncedMs = 0;
    void client.synced.then(() => (syncedMs = nowMs() - start));
    // Checked on every change rather than polled, so the time is when the content was complete.
    const complete = new Promise<number>((resolve) => {
      const check = (): void => {
        if (list.length !== count || !holdsStoredUpdates(doc, count)) return;
        list.unobserve(check);
        resolve(nowMs() - start);
      };
      list.observe(check);
    });
    const contentMs = await Promise.race([complete, sleep(contentTimeoutMs).then(() => null)]);
    await client.synced;
    const otherCpuPct = otherLoad.sample();
    client.destroy();
    // Let work the load started (compaction, trimming, stores on unload) finish before the stop.
    await sleep(1500);
    return { syncedMs: round(syncedMs), contentMs: contentMs === null ? null : round(contentMs), otherCpuPct };
  } finally {
    await server.stop();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
