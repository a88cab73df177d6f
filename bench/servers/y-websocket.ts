import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, spawnServer } from './child-process.ts';
import { repoRoot } from './repo-root.ts';
import type { ServerSpec } from './server-spec.ts';

const require = createRequire(import.meta.url);
const serverPackage = require.resolve('@y/websocket-server/package.json');
const serverScript = join(dirname(serverPackage), 'src/server.js');

/** The parts of y-leveldb used here; it ships no types this project can resolve from its nested folder. */
interface LeveldbPersistence {
  storeUpdate(docName: string, update: Uint8Array): Promise<number>;
  _transact<T>(run: (db: unknown) => Promise<T>): Promise<T>;
  destroy(): Promise<void>;
}
interface LeveldbModule {
  LeveldbPersistence: new (location: string) => LeveldbPersistence;
  getLevelUpdates(db: unknown, docName: string, options: { keys: boolean; values: boolean }): Promise<unknown[]>;
}

/** The y-leveldb copy the server itself loads (nested under @y/websocket-server), not some other version. */
async function loadLeveldb(): Promise<LeveldbModule> {
  const leveldbPackage = createRequire(serverPackage).resolve('y-leveldb/package.json');
  return (await import(pathToFileURL(join(dirname(leveldbPackage), 'src/y-leveldb.js')).href)) as LeveldbModule;
}

export const yWebsocket: ServerSpec = {
  name: 'y-websocket',
  setup: '`@y/websocket-server` 0.1.1 `src/server.js` with `YPERSISTENCE` (y-leveldb: one key per update, trimmed on load past 500), stock y-websocket clients',
  async start(dataDir, logFile, options = {}) {
    const port = await freePort();
    const child = await spawnServer({
      args: [serverScript],
      cwd: repoRoot,
      env: { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dataDir },
      readyUrl: `http://127.0.0.1:${port}/`,
      logFile,
      inspect: options.inspect ?? false,
    });
    return { ...child, endpoint: { protocol: 'y-websocket', url: `ws://127.0.0.1:${port}`, params: {} } };
  },
  async importUpdates(dataDir, docName, updates) {
    // storeUpdate is exactly what the server's bindState calls for every update a document receives.
    const { LeveldbPersistence } = await loadLeveldb();
    const persistence = new LeveldbPersistence(dataDir);
    for (const update of updates) await persistence.storeUpdate(docName, update);
    await persistence.destroy();
  },
  async storedEntries(dataDir, docName) {
    const { LeveldbPersistence, getLevelUpdates } = await loadLeveldb();
    const persistence = new LeveldbPersistence(dataDir);
    const keys = await persistence._transact((db) => getLevelUpdates(db, docName, { keys: true, values: false }));
    await persistence.destroy();
    return keys.length;
  },
};
