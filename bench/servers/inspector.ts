import WebSocket from 'ws';

/**
 * Runs a full garbage collection in a server process started with `--inspect`, through the DevTools
 * protocol on loopback, and returns the V8 heap in use after it. Memory is compared between two moments of
 * one process; without a collection, garbage left from start-up (compiling TypeScript, say) can be freed
 * in between and make a loaded server look smaller than an idle one.
 */
export async function heapUsedAfterGc(inspectPort: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (url === undefined) throw new Error('no inspector target');
  const socket = new WebSocket(url);
  const replies = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  let nextId = 1;
  const call = (method: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      replies.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } finally {
    socket.close();
  }
}
