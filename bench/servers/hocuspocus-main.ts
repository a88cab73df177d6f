/**
 * Hocuspocus started the way its README and SQLite extension docs show: `new Server({ port, extensions:
 * [new SQLite({ database })] }).listen()`, everything else at its defaults (2 s store debounce, 10 s max,
 * per-turn broadcast merging). `quiet` only drops the start banner.
 */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: process.env.DATABASE ?? 'hocuspocus.sqlite' })],
});

await server.listen();
