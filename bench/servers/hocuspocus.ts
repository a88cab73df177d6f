import { join } from 'node:path';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { SQLite, upsertQuery } from '@hocuspocus/extension-sqlite';
import { freePort, spawnServer } from './child-process.ts';
import { repoRoot } from './repo-root.ts';
import type { ServerSpec } from './server-spec.ts';

const databaseFile = (dataDir: string): string => join(dataDir, 'hocuspocus.sqlite');

export const hocuspocus: ServerSpec = {
  name: 'hocuspocus',
  setup: '`@hocuspocus/server` 4 with `@hocuspocus/extension-sqlite` (one merged blob per document), defaults otherwise, driven by `@hocuspocus/provider`',
  async start(dataDir, logFile, options = {}) {
    const port = await freePort();
    const child = await spawnServer({
      args: ['--import', 'tsx', join(repoRoot, 'bench/servers/hocuspocus-main.ts')],
      cwd: repoRoot,
      env: { PORT: String(port), HOST: '127.0.0.1', DATABASE: databaseFile(dataDir) },
      readyUrl: `http://127.0.0.1:${port}/`,
      logFile,
      inspect: options.inspect ?? false,
    });
    return { ...child, endpoint: { protocol: 'hocuspocus', url: `ws://127.0.0.1:${port}` } };
  },
  async importUpdates(dataDir, docName, updates) {
    // The extension keeps one row per document holding Y.encodeStateAsUpdate of the whole document; its
    // own upsert statement writes exactly what its store hook would after these updates.
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    const extension = new SQLite({ database: databaseFile(dataDir) });
    await extension.onConfigure();
    extension.db?.prepare(upsertQuery).run({ name: docName, data: Buffer.from(Y.encodeStateAsUpdate(doc)) });
    extension.db?.close();
    doc.destroy();
  },
  async storedEntries(dataDir, docName) {
    const db = new Database(databaseFile(dataDir), { readonly: true });
    const row = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM documents WHERE name = ?').get(docName);
    db.close();
    return row?.n ?? 0;
  },
};
