import { openSqliteStorage } from '../../../server/persistence/sqlite-storage.ts';

/**
 * Child process for checkpoints.test.ts: appends updates numbered from 1 in their first four bytes, one commit
 * per event-loop turn as the registry makes them, and prints each number once it is committed, until killed.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: append-until-killed.ts <data folder>');
const storage = openSqliteStorage(dataDir, 'normal', 'worker');
for (let i = 1; ; i++) {
  await new Promise((resolve) => setImmediate(resolve));
  const update = new Uint8Array(200);
  new DataView(update.buffer).setUint32(0, i);
  await storage.append([{ docName: 'route/crash/river', updates: [update] }]);
  process.stdout.write(`${i}\n`);
}
