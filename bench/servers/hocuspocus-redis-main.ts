/**
 * One of several Hocuspocus instances, as its Redis extension's docs show them: `new Server({ name, extensions:
 * [new Redis({ host, port }), new SQLite({ database })] })`, every instance on the same SQLite file (the
 * extension locks a document in Redis while one instance stores it), everything else at its defaults.
 */
import { Server } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { SQLite } from '@hocuspocus/extension-sqlite';

const server = new Server({
  name: process.env.INSTANCE_NAME,
  port: Number(process.env.PORT),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [
    new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT) }),
    new SQLite({ database: process.env.DATABASE ?? 'hocuspocus.sqlite' }),
  ],
});

await server.listen();
