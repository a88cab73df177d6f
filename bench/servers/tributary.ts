import { join } from 'node:path';
import { openSqliteStorage } from '../../server/persistence/sqlite-storage.ts';
import { servingEnv } from '../../scripts/serving-env.js';
import { servingNodeFlags } from '../../scripts/serving-flags.ts';
import { freePort, spawnServer } from './child-process.ts';
import { repoRoot } from './repo-root.ts';
import type { ServerSpec } from './server-spec.ts';

const adminToken = 'bench';
/** Rows per storage transaction when importing: the size of a busy event-loop turn, not one giant commit. */
const importBatch = 1000;

export const tributary: ServerSpec = {
  name: 'tributary',
  setup: '`node dist/server/cli.js` with `npm start`\'s Node flags and environment (compiled, as `npm start` serves), SQLite in DATA_DIR (WAL, synchronous=NORMAL), stock y-websocket clients',
  async start(dataDir, logFile, options = {}) {
    const port = await freePort();
    const child = await spawnServer({
      args: [...servingNodeFlags(), join(repoRoot, 'dist/server/cli.js')],
      cwd: repoRoot,
      env: { ...servingEnv(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: adminToken },
      readyUrl: `http://127.0.0.1:${port}/healthz`,
      logFile,
      inspect: options.inspect ?? false,
    });
    return { ...child, endpoint: { protocol: 'y-websocket', url: `ws://127.0.0.1:${port}/sync`, params: { token: adminToken } } };
  },
  async importUpdates(dataDir, docName, updates) {
    const storage = openSqliteStorage(dataDir);
    for (let i = 0; i < updates.length; i += importBatch) {
      await storage.append([{ docName, updates: updates.slice(i, i + importBatch) }]);
    }
    await storage.close();
  },
  async storedEntries(dataDir, docName) {
    const storage = openSqliteStorage(dataDir);
    const count = await storage.countUpdates(docName);
    await storage.close();
    return count;
  },
};
