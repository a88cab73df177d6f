import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A loopback TCP proxy whose answers can be held back: what the upstream server sends is buffered while
 * held and passed on, in order, on release; what the client sends always goes through. Between an
 * instance and Redis it delays what the other instances publish, as a slow network would, without
 * touching the instance's code.
 */
export interface HeldProxy {
  /** host:port to give the client instead of the upstream's. */
  readonly address: string;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startHeldProxy(upstream: { host: string; port: number }): Promise<HeldProxy> {
  let held = false;
  const waiting: Array<() => void> = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const remote = connect(upstream.port, upstream.host);
    for (const socket of [client, remote]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => remote.destroy());
    remote.on('close', () => client.destroy());
    client.pipe(remote);
    remote.on('data', (chunk: Buffer) => {
      if (held) waiting.push(() => client.write(chunk));
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    hold() {
      held = true;
    },
    release() {
      held = false;
      for (const send of waiting.splice(0)) send();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
