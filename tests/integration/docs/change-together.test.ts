import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeNotStored, Registry } from '../../../server/docs/registry.ts';
import { silentLogger } from '../../../server/log.ts';
import { openSqliteStorage } from '../../../server/persistence/sqlite-storage.ts';
import type { Storage } from '../../../server/persistence/storage.ts';
import { CloseCodes } from '../../../server/protocol/close-codes.ts';
import { defaultLimits } from '../../../server/protocol/limits.ts';
import { failingStorage } from '../helpers/failing-storage.ts';

/**
 * Server actions that write several documents (move a person: people list and control doc; reveal hidden
 * ideas: board and hidden list) rely on `changeTogether` putting all of it into one storage append, which
 * SQLite and PostgreSQL keep in one transaction. These tests look at the appends themselves.
 */
describe('Registry.changeTogether', () => {
  let dir: string;
  let sqlite: Storage;
  let appends: string[][];
  let failing: ReturnType<typeof failingStorage>;
  let registry: Registry;

  function recording(storage: Storage): Storage {
    return new Proxy(storage, {
      get(target, key) {
        if (key === 'append') {
          return (batch: Parameters<Storage['append']>[0]) => {
            appends.push(batch.map((entry) => entry.docName).sort());
            return target.append(batch);
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  beforeEach(async () => {
    appends = [];
    dir = await mkdtemp(join(tmpdir(), 'tributary-together-'));
    sqlite = openSqliteStorage(dir);
    failing = failingStorage();
    registry = new Registry({ storage: failing.wrap(recording(sqlite)), limits: defaultLimits, log: silentLogger, idleUnloadMs: 60_000 });
  });
  afterEach(async () => {
    await registry.unloadAll(CloseCodes.goingAway);
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  });

  const names = (doc: string) => (registry.changeTogether([doc], ([room]) => room!.doc.getArray<string>('names').toArray()));

  it('stores the changes to a loaded and a cold document in one append', async () => {
    await registry.withRoom('route/a/people', (room) => room.doc.getArray<string>('names').push(['Souk']));
    await registry.stored();
    appends = [];

    // route/a/control is cold: it loads while route/a/people is already in memory.
    await registry.changeTogether(['route/a/people', 'route/a/control'], ([people, control]) => {
      people!.doc.getArray<string>('names').push(['Lan']);
      control!.doc.getArray<string>('names').push(['moved Lan']);
    });
    await registry.stored();

    expect(appends).toEqual([['route/a/control', 'route/a/people']]);
    expect(await names('route/a/people')).toEqual(['Souk', 'Lan']);
    expect(await names('route/a/control')).toEqual(['moved Lan']);
  });

  it('a failed append loses every document of the change, and the action is told', async () => {
    await registry.changeTogether(['route/b/people', 'route/b/control'], ([people, control]) => {
      people!.doc.getArray<string>('names').push(['Souk']);
      control!.doc.getArray<string>('names').push(['Souk joined']);
    });
    await registry.stored();

    failing.failWrites(1);
    const lost = registry.changeTogether(['route/b/people', 'route/b/control'], ([people, control]) => {
      people!.doc.getArray<string>('names').push(['Lan']);
      control!.doc.getArray<string>('names').push(['Lan joined']);
    });
    await expect(lost).rejects.toBeInstanceOf(ChangeNotStored);

    // Both rooms were forgotten: they load again from storage with neither half of the lost change.
    expect(await names('route/b/people')).toEqual(['Souk']);
    expect(await names('route/b/control')).toEqual(['Souk joined']);
    const stored = await sqlite.load('route/b/people');
    expect(stored.updates).toHaveLength(1);
  });
});
