import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { riverDocName } from '../../shared/schema/doc-kinds.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { readServerEvents } from '../../tests/integration/helpers/server-events.ts';
import { percentile, sleep } from './child-server.ts';

/**
 * A room of forty with the wrap-up open: forty change streams (`…/wrap-up/changes`), each asking for the
 * route's wrap-up again at every `changed` as the page does, while a stock y-websocket client adds a card
 * to the river every `everyMs`. Measured: from a card's write to each watcher's answer holding it, and the
 * server's CPU time per card (its /proc utime + stime), which says whether forty watchers cost one build
 * per change or forty.
 */
export interface WatchersResult {
  watchers: number;
  cards: number;
  p50Ms: number;
  p99Ms: number;
  /** Wrap-up requests the watchers made, per card. */
  requestsPerCard: number;
  serverCpuMsPerCard: number;
  /** Cards some watcher never saw (should be 0). */
  missed: number;
  /** One wrap-up of this route built alone (no watcher), for scale. */
  buildMs: number;
}

const everyMs = 1_500;
/** The process's CPU time so far, in ms (utime + stime, in clock ticks of 10 ms on Linux). */
const cpuMsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

export async function benchWrapUpWatchers(server: { url: string; port: number; pid: number }, routeId: string, token: string, watchers = 40, cards = 8): Promise<WatchersResult> {
  const wrapUpUrl = `${server.url}/api/routes/${routeId}/wrap-up`;
  const headers = { authorization: `Bearer ${token}` };
  const alone = performance.now();
  if (!(await fetch(wrapUpUrl, { headers })).ok) throw new Error('wrap-up refused');
  const buildMs = Math.round(performance.now() - alone);

  const seen: Array<Map<number, number>> = [];
  let requests = 0;
  const aborts: AbortController[] = [];
  const ready: Array<Promise<void>> = [];
  for (let w = 0; w < watchers; w++) {
    const mine = new Map<number, number>();
    seen.push(mine);
    const abort = new AbortController();
    aborts.push(abort);
    let asking: Promise<void> | null = null;
    let again = false;
    // As the page asks: one request at a time, once more if a change came meanwhile.
    const ask = (): void => {
      if (asking !== null) return void (again = true);
      asking = (async () => {
        do {
          again = false;
          requests++;
          const text = await (await fetch(wrapUpUrl, { headers, signal: abort.signal })).text();
          const at = performance.now();
          for (const match of text.matchAll(/Bench card (\d+)\b/g)) if (!mine.has(Number(match[1]))) mine.set(Number(match[1]), at);
        } while (again);
      })()
        .catch(() => undefined)
        .finally(() => (asking = null));
    };
    ready.push(
      (async () => {
        const response = await fetch(`${wrapUpUrl}/changes`, { headers, signal: abort.signal });
        let watching!: () => void;
        const opened = new Promise<void>((resolve) => (watching = resolve));
        void readServerEvents(response, (name) => {
          if (name === 'watching') watching();
          if (name === 'changed') ask();
        });
        await opened;
      })(),
    );
  }
  await Promise.all(ready);
  await sleep(1_000);

  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, riverDocName(routeId), doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise((resolve) => provider.once('sync', resolve));
  const river = new RiverDoc(doc);
  const stream = river.streams()[0]!;
  const dayId = river.cards()[0]?.dayId ?? 'd1';
  requests = 0;
  const cpuBefore = cpuMsOf(server.pid);
  const writtenAt: number[] = [];
  for (let k = 0; k < cards; k++) {
    writtenAt[k] = performance.now();
    river.addCard({ text: `Bench card ${k} from the closing round`, author: 'Bench', authorId: 'bench', streamId: stream.id, dayId }, Date.now());
    await sleep(everyMs);
  }
  for (let i = 0; i < 100 && seen.some((mine) => mine.size < cards); i++) await sleep(100);
  const cpu = cpuMsOf(server.pid) - cpuBefore;
  // The provider leaves its awareness's interval to the document: both destroyed, or the bench never exits.
  provider.destroy();
  doc.destroy();
  for (const abort of aborts) abort.abort();
  const latencies = seen.flatMap((mine) => writtenAt.flatMap((at, k) => (mine.has(k) ? [mine.get(k)! - at] : [])));
  return {
    watchers,
    cards,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    requestsPerCard: Math.round((requests / cards) * 10) / 10,
    serverCpuMsPerCard: Math.round(cpu / cards),
    buildMs,
    missed: watchers * cards - latencies.length,
  };
}
