import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ScopeTakenError, type NewSnapshot, type SnapshotKind, type SnapshotMeta, type Storage } from '../../../server/persistence/storage.ts';

/**
 * One body of assertions for every `Storage` backend (SQLite now, PostgreSQL later), as tldraw's
 * storageContractSuite and y-redis's storage tests do: a backend is done when this passes unchanged.
 *
 * `open` gives a storage over fresh, empty data. `reopen` closes the storage it last handed out and opens a
 * new one over the same data, as a server restart would. `cleanup` closes whatever is open and removes the
 * data. The suite never closes a storage itself.
 */
export interface StorageFixture {
  storage: Storage;
  reopen(): Promise<Storage>;
  cleanup(): Promise<void>;
}

/** Real Yjs updates, as a room receives them: one per edit, captured from the document's update event. */
function recordEdits(clientID: number, edits: Array<(doc: Y.Doc) => void>): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const edit of edits) edit(doc);
  return { doc, updates };
}

const boardEdits: Array<(doc: Y.Doc) => void> = [
  (d) => d.getMap('grid').set('title', 'Case grid'),
  (d) => d.getArray<number>('cards').push([1, 2]),
  (d) => d.getText('notes').insert(0, 'ສະບາຍດີ xin chào'),
  (d) => d.getText('notes').format(0, 7, { bold: true }),
  (d) => d.getMap('grid').set('cell', new Y.Map([['results', 'three villages']])),
  (d) => d.getArray<number>('cards').delete(0, 1),
  (d) => d.getMap('grid').set('title', 'Renamed grid'),
  (d) => d.getText('notes').insert(0, '» '),
  (d) => d.getArray<number>('cards').push([3]),
  (d) => d.getMap('grid').delete('cell'),
];

/** What a document built from stored updates shows, formatting included, plus its state vector. */
function contentOf(updates: Uint8Array[]): unknown {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return {
    grid: doc.getMap('grid').toJSON(),
    cards: doc.getArray('cards').toJSON(),
    notes: doc.getText('notes').toDelta(),
    stateVector: [...Y.encodeStateVector(doc)],
  };
}

/** Plain bytes, so a backend returning Buffers or views compares equal to what was stored. */
const bytes = (updates: Uint8Array[]): number[][] => updates.map((u) => [...u]);

const increasing = (seqs: number[]): boolean => seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!);

function newSnapshot(docName: string, overrides: Partial<NewSnapshot> = {}): NewSnapshot {
  return { docName, createdAt: 1_790_000_000_000, kind: 'auto', label: '', state: Uint8Array.of(0, 0), ...overrides };
}

export function runStorageContract(name: string, open: () => Promise<StorageFixture>): void {
  describe(`Storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: Storage;
    const reopen = async (): Promise<void> => {
      storage = await fixture.reopen();
    };

    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('listing documents', () => {
      it('lists stored document names under a prefix, sorted, and nothing else', async () => {
        const update = recordEdits(1, [boardEdits[0]!]).updates;
        await storage.append(
          ['route/b', 'route/a/river', 'route/a', 'routes-index', 'other/route/x'].map((docName) => ({ docName, updates: update })),
        );
        expect(await storage.listDocNames('route/')).toEqual(['route/a', 'route/a/river', 'route/b']);
        expect(await storage.listDocNames('route/a')).toEqual(['route/a', 'route/a/river']);
        expect(await storage.listDocNames('')).toHaveLength(5);
        expect(await storage.listDocNames('nothing/')).toEqual([]);
        await reopen();
        expect(await storage.listDocNames('route/')).toEqual(['route/a', 'route/a/river', 'route/b']);
      });
    });

    describe('append and load', () => {
      it('loads nothing, at sequence 0, for a document never written', async () => {
        expect(await storage.load('route/none/river')).toEqual({ updates: [], lastSeq: 0 });
        expect(await storage.countUpdates('route/none/river')).toBe(0);
      });

      it('returns the sequence a document reached, and loads its updates in order', async () => {
        const { updates } = recordEdits(1, boardEdits);
        const reached = await storage.append([{ docName: 'route/a/river', updates }]);
        expect([...reached.keys()]).toEqual(['route/a/river']);
        const seq = reached.get('route/a/river')!;
        expect(seq).toBeGreaterThan(0);
        const stored = await storage.load('route/a/river');
        expect(stored.lastSeq).toBe(seq);
        expect(bytes(stored.updates)).toEqual(bytes(updates));
      });

      it('appends batches for several documents in one call, each getting its own sequence', async () => {
        const a = recordEdits(1, boardEdits.slice(0, 4)).updates;
        const b = recordEdits(2, boardEdits.slice(0, 2)).updates;
        const c = recordEdits(3, boardEdits.slice(0, 1)).updates;
        const reached = await storage.append([
          { docName: 'route/a/river', updates: a },
          { docName: 'route/a/case/h1', updates: b },
          { docName: 'route/b/plan', updates: c },
        ]);
        expect(new Set(reached.keys())).toEqual(new Set(['route/a/river', 'route/a/case/h1', 'route/b/plan']));
        for (const [docName, updates] of [['route/a/river', a], ['route/a/case/h1', b], ['route/b/plan', c]] as const) {
          const stored = await storage.load(docName);
          expect(stored.lastSeq).toBe(reached.get(docName));
          expect(bytes(stored.updates)).toEqual(bytes(updates));
          expect(await storage.countUpdates(docName)).toBe(updates.length);
        }
      });

      it('gives each later append of a document a higher sequence, and keeps every update in order', async () => {
        const { updates } = recordEdits(1, boardEdits);
        const seqs: number[] = [];
        for (const update of updates) {
          seqs.push((await storage.append([{ docName: 'route/a/river', updates: [update] }])).get('route/a/river')!);
          // Another document's writes in between must not disturb this one's order.
          await storage.append([{ docName: 'route/b/river', updates: [update] }]);
        }
        expect(increasing(seqs)).toBe(true);
        const stored = await storage.load('route/a/river');
        expect(stored.lastSeq).toBe(seqs.at(-1));
        expect(bytes(stored.updates)).toEqual(bytes(updates));
      });

      it('appends a document named twice in one batch in batch order, returning the sequence of its last update', async () => {
        const { updates } = recordEdits(1, boardEdits.slice(0, 3));
        const reached = await storage.append([
          { docName: 'route/a/river', updates: [updates[0]!] },
          { docName: 'route/b/river', updates: [updates[1]!] },
          { docName: 'route/a/river', updates: [updates[1]!, updates[2]!] },
        ]);
        const stored = await storage.load('route/a/river');
        expect(bytes(stored.updates)).toEqual(bytes(updates));
        expect(reached.get('route/a/river')).toBe(stored.lastSeq);
      });

      it('resolves an empty batch with an empty map', async () => {
        expect((await storage.append([])).size).toBe(0);
      });

      it('keeps documents whose names are prefixes of each other apart', async () => {
        const names = ['route/a', 'route/a/river', 'route/ab', 'route/a/river/x', 'route/%', 'route/_'];
        await storage.append(names.map((docName, i) => ({ docName, updates: [Uint8Array.of(i, i, i)] })));
        for (const [i, docName] of names.entries()) {
          expect(bytes((await storage.load(docName)).updates)).toEqual([[i, i, i]]);
          expect(await storage.countUpdates(docName)).toBe(1);
        }
      });

      it('stores exactly the bytes of each update, including a view into a bigger buffer', async () => {
        const buffer = Uint8Array.of(0xee, 0xee, 1, 0, 255, 0xee, 0xee);
        const view = buffer.subarray(2, 5);
        const large = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 31) & 0xff);
        await storage.append([{ docName: 'route/a/river', updates: [view, Uint8Array.of(0), large] }]);
        const stored = await storage.load('route/a/river');
        expect(stored.updates.map((u) => u.length)).toEqual([3, 1, 1 << 20]);
        expect([...stored.updates[0]!]).toEqual([1, 0, 255]);
        expect([...stored.updates[1]!]).toEqual([0]);
        expect(Buffer.from(stored.updates[2]!).equals(Buffer.from(large))).toBe(true);
      });

      it('stores every update of appends issued together without waiting, each at its own sequence', async () => {
        const { updates } = recordEdits(1, boardEdits);
        const results = await Promise.all(
          updates.map((update, i) => storage.append([{ docName: 'route/a/river', updates: [update] }, { docName: `route/other/${i}`, updates: [update] }])),
        );
        const seqs = results.map((reached) => reached.get('route/a/river')!);
        expect(new Set(seqs).size).toBe(updates.length);
        const stored = await storage.load('route/a/river');
        expect(stored.lastSeq).toBe(Math.max(...seqs));
        // Whatever order they were committed in, the stored updates follow their sequences.
        const bySeq = updates.map((update, i) => ({ update, seq: seqs[i]! })).sort((x, y) => x.seq - y.seq);
        expect(bytes(stored.updates)).toEqual(bytes(bySeq.map((x) => x.update)));
        expect(contentOf(stored.updates)).toEqual(contentOf(updates));
      });

      it('loads updates that rebuild the document that produced them', async () => {
        const { doc, updates } = recordEdits(1, boardEdits);
        await storage.append([{ docName: 'route/a/river', updates }]);
        expect(contentOf((await storage.load('route/a/river')).updates)).toEqual(contentOf([Y.encodeStateAsUpdate(doc)]));
      });
    });

    describe('compact', () => {
      /** Appends the board's edits one call each, returning the sequence after each. */
      async function appendOneByOne(docName: string, updates: Uint8Array[]): Promise<number[]> {
        const seqs: number[] = [];
        for (const update of updates) seqs.push((await storage.append([{ docName, updates: [update] }])).get(docName)!);
        return seqs;
      }

      it('replaces the rows up to a sequence with the merged state and keeps later rows after it', async () => {
        const { updates } = recordEdits(1, boardEdits);
        const seqs = await appendOneByOne('route/a/river', updates);
        const before = await storage.load('route/a/river');
        const merged = Y.mergeUpdates(updates.slice(0, 6));
        await storage.compact('route/a/river', seqs[5]!, merged);

        const after = await storage.load('route/a/river');
        expect(bytes(after.updates)).toEqual(bytes([merged, ...updates.slice(6)]));
        expect(after.lastSeq).toBe(before.lastSeq);
        expect(await storage.countUpdates('route/a/river')).toBe(1 + updates.length - 6);
        expect(contentOf(after.updates)).toEqual(contentOf(before.updates));
      });

      it('compacts everything into one row with a state encoded from a live document', async () => {
        const { doc, updates } = recordEdits(1, boardEdits);
        const seqs = await appendOneByOne('route/a/river', updates);
        const before = contentOf((await storage.load('route/a/river')).updates);
        await storage.compact('route/a/river', seqs.at(-1)!, Y.encodeStateAsUpdate(doc));
        const after = await storage.load('route/a/river');
        expect(after.updates).toHaveLength(1);
        expect(after.lastSeq).toBe(seqs.at(-1));
        expect(await storage.countUpdates('route/a/river')).toBe(1);
        expect(contentOf(after.updates)).toEqual(before);
      });

      it('orders updates appended after a compaction after the merged row', async () => {
        const { doc, updates } = recordEdits(1, boardEdits.slice(0, 5));
        const seqs = await appendOneByOne('route/a/river', updates);
        await storage.compact('route/a/river', seqs.at(-1)!, Y.encodeStateAsUpdate(doc));
        const later: Uint8Array[] = [];
        doc.on('update', (update: Uint8Array) => later.push(update));
        for (const edit of boardEdits.slice(5)) edit(doc);
        const reached = await storage.append([{ docName: 'route/a/river', updates: later }]);
        expect(reached.get('route/a/river')).toBeGreaterThan(seqs.at(-1)!);
        const stored = await storage.load('route/a/river');
        expect(stored.updates).toHaveLength(1 + later.length);
        expect(bytes(stored.updates.slice(1))).toEqual(bytes(later));
        expect(contentOf(stored.updates)).toEqual(contentOf([Y.encodeStateAsUpdate(doc)]));
      });

      it('compacts again over an earlier merged row', async () => {
        const { updates } = recordEdits(1, boardEdits);
        const seqs = await appendOneByOne('route/a/river', updates);
        const full = contentOf(updates);
        await storage.compact('route/a/river', seqs[3]!, Y.mergeUpdates(updates.slice(0, 4)));
        await storage.compact('route/a/river', seqs[7]!, Y.mergeUpdates(updates.slice(0, 8)));
        const stored = await storage.load('route/a/river');
        expect(stored.updates).toHaveLength(1 + 2);
        expect(contentOf(stored.updates)).toEqual(full);
      });

      it('leaves other documents alone, including ones whose rows are interleaved', async () => {
        const a = recordEdits(1, boardEdits).updates;
        const b = recordEdits(2, boardEdits).updates;
        const seqsA: number[] = [];
        for (const [i, update] of a.entries()) {
          const reached = await storage.append([
            { docName: 'route/a/river', updates: [update] },
            { docName: 'route/a/river/sub', updates: [b[i]!] },
          ]);
          seqsA.push(reached.get('route/a/river')!);
        }
        await storage.compact('route/a/river', seqsA.at(-1)!, Y.mergeUpdates(a));
        expect(bytes((await storage.load('route/a/river/sub')).updates)).toEqual(bytes(b));
        expect(await storage.countUpdates('route/a/river/sub')).toBe(b.length);
        expect(await storage.countUpdates('route/a/river')).toBe(1);
      });
    });

    describe('snapshots', () => {
      it('adds snapshots and returns their metadata, with the state\'s byte length', async () => {
        const { doc } = recordEdits(1, boardEdits);
        const state = Y.encodeStateAsUpdate(doc);
        const meta = await storage.addSnapshot(newSnapshot('route/a/river', { kind: 'manual', label: 'Before the fair ສະບາຍດີ', state }));
        expect(meta).toEqual({
          id: meta.id,
          docName: 'route/a/river',
          createdAt: 1_790_000_000_000,
          kind: 'manual',
          label: 'Before the fair ສະບາຍດີ',
          byteLength: state.byteLength,
        });
        expect(Number.isInteger(meta.id)).toBe(true);
      });

      it('lists a document\'s snapshots, metadata only, as they were added', async () => {
        const kinds: SnapshotKind[] = ['auto', 'unload', 'manual', 'before-restore'];
        const added: SnapshotMeta[] = [];
        for (const [i, kind] of kinds.entries()) {
          added.push(await storage.addSnapshot(newSnapshot('route/a/river', { kind, createdAt: 1_790_000_000_000 + i, label: kind === 'manual' ? 'x' : '', state: new Uint8Array(10 + i) })));
          await storage.addSnapshot(newSnapshot('route/b/river'));
        }
        const listed = await storage.listSnapshots('route/a/river');
        expect([...listed].sort((x, y) => x.id - y.id)).toEqual(added);
        for (const meta of listed) expect(meta).not.toHaveProperty('state');
        expect(await storage.listSnapshots('route/none')).toEqual([]);
      });

      it('gives each new snapshot an id above every existing one', async () => {
        const ids: number[] = [];
        for (let i = 0; i < 5; i++) ids.push((await storage.addSnapshot(newSnapshot(i % 2 ? 'route/a/river' : 'route/b/river'))).id);
        expect(increasing(ids)).toBe(true);
        await storage.deleteSnapshots('route/b/river', [ids[4]!]);
        expect((await storage.addSnapshot(newSnapshot('route/a/river'))).id).toBeGreaterThan(ids[3]!);
      });

      it('gets a snapshot with its state, only under its own document', async () => {
        const { doc } = recordEdits(1, boardEdits);
        const state = Y.encodeStateAsUpdate(doc);
        const meta = await storage.addSnapshot(newSnapshot('route/a/river', { state }));
        const got = await storage.getSnapshot('route/a/river', meta.id);
        expect(got).not.toBeNull();
        const { state: gotState, ...gotMeta } = got!;
        expect(gotMeta).toEqual(meta);
        expect([...gotState]).toEqual([...state]);
        expect(contentOf([gotState])).toEqual(contentOf([state]));
        expect(await storage.getSnapshot('route/b/river', meta.id)).toBeNull();
        expect(await storage.getSnapshot('route/a/river', meta.id + 1000)).toBeNull();
      });

      it('stores a snapshot state given as a view into a bigger buffer as just the view', async () => {
        const buffer = Uint8Array.of(9, 9, 1, 2, 3, 9);
        const meta = await storage.addSnapshot(newSnapshot('route/a/river', { state: buffer.subarray(2, 5) }));
        expect(meta.byteLength).toBe(3);
        expect([...(await storage.getSnapshot('route/a/river', meta.id))!.state]).toEqual([1, 2, 3]);
        expect((await storage.listSnapshots('route/a/river'))[0]!.byteLength).toBe(3);
      });

      it('deletes the given snapshots of a document and nothing else', async () => {
        const a = await Promise.all([1, 2, 3, 4].map((i) => storage.addSnapshot(newSnapshot('route/a/river', { createdAt: i }))));
        const b = await storage.addSnapshot(newSnapshot('route/b/river'));
        await storage.deleteSnapshots('route/a/river', [a[0]!.id, a[2]!.id]);
        // Added concurrently: a networked storage may number them in any order.
        const kept = [a[1]!.id, a[3]!.id].sort((x, y) => x - y);
        expect((await storage.listSnapshots('route/a/river')).map((s) => s.id).sort((x, y) => x - y)).toEqual(kept);
        expect(await storage.getSnapshot('route/a/river', a[0]!.id)).toBeNull();
        // Ids are only honoured under their own document name.
        await storage.deleteSnapshots('route/a/river', [b.id]);
        expect(await storage.listSnapshots('route/b/river')).toEqual([b]);
        // Empty and unknown ids change nothing.
        await storage.deleteSnapshots('route/a/river', []);
        await storage.deleteSnapshots('route/a/river', [a[0]!.id, b.id + 1000]);
        expect(await storage.listSnapshots('route/a/river')).toHaveLength(2);
      });

      it('keeps snapshots apart from updates', async () => {
        await storage.addSnapshot(newSnapshot('route/a/river'));
        expect(await storage.load('route/a/river')).toEqual({ updates: [], lastSeq: 0 });
        expect(await storage.countUpdates('route/a/river')).toBe(0);
        await storage.append([{ docName: 'route/a/river', updates: [Uint8Array.of(1)] }]);
        expect(await storage.listSnapshots('route/a/river')).toHaveLength(1);
      });
    });

    describe('importing a scope', () => {
      it('writes documents and snapshots together, where nothing was stored under the scope', async () => {
        const { doc } = recordEdits(1, boardEdits);
        const state = Y.encodeStateAsUpdate(doc);
        await storage.append([{ docName: 'route/ab/river', updates: [Uint8Array.of(0, 0)] }]);
        await storage.importDocuments('route/a', [{ docName: 'route/a', state }, { docName: 'route/a/river', state }], [newSnapshot('route/a/river', { label: 'day 1', state })]);
        expect(contentOf((await storage.load('route/a/river')).updates)).toEqual(contentOf([state]));
        expect(await storage.listDocNames('route/a')).toEqual(['route/a', 'route/a/river', 'route/ab/river']);
        const [snapshot] = await storage.listSnapshots('route/a/river');
        expect(snapshot).toMatchObject({ label: 'day 1', kind: 'auto', byteLength: state.byteLength });
        expect([...(await storage.getSnapshot('route/a/river', snapshot!.id))!.state]).toEqual([...state]);
      });

      it('refuses a scope with anything stored under it, a document or a snapshot, and writes nothing', async () => {
        await storage.append([{ docName: 'route/a/plan/t1', updates: [Uint8Array.of(0, 0)] }]);
        await storage.addSnapshot(newSnapshot('route/b/river'));
        for (const scope of ['route/a', 'route/b']) {
          const attempt = storage.importDocuments(scope, [{ docName: `${scope}`, state: Uint8Array.of(0, 0) }], [newSnapshot(`${scope}/control`)]);
          await expect(attempt).rejects.toBeInstanceOf(ScopeTakenError);
          expect(await storage.load(scope)).toEqual({ updates: [], lastSeq: 0 });
          expect(await storage.listSnapshots(`${scope}/control`)).toEqual([]);
        }
      });
    });

    describe('reopen', () => {
      it('keeps updates, compactions and snapshots, and continues sequences and ids above the old ones', async () => {
        const a = recordEdits(1, boardEdits);
        const b = recordEdits(2, boardEdits.slice(0, 3));
        const reached = await storage.append([
          { docName: 'route/a/river', updates: a.updates.slice(0, 5) },
          { docName: 'route/b/river', updates: b.updates },
        ]);
        await storage.compact('route/a/river', reached.get('route/a/river')!, Y.mergeUpdates(a.updates.slice(0, 5)));
        const lastA = (await storage.append([{ docName: 'route/a/river', updates: a.updates.slice(5) }])).get('route/a/river')!;
        const kept = await storage.addSnapshot(newSnapshot('route/a/river', { kind: 'manual', label: 'kept', state: Y.encodeStateAsUpdate(a.doc) }));
        const dropped = await storage.addSnapshot(newSnapshot('route/a/river'));
        await storage.deleteSnapshots('route/a/river', [dropped.id]);
        const beforeA = await storage.load('route/a/river');
        const beforeB = await storage.load('route/b/river');

        await reopen();

        const afterA = await storage.load('route/a/river');
        expect(afterA.lastSeq).toBe(lastA);
        expect(bytes(afterA.updates)).toEqual(bytes(beforeA.updates));
        expect(contentOf(afterA.updates)).toEqual(contentOf([Y.encodeStateAsUpdate(a.doc)]));
        expect(bytes((await storage.load('route/b/river')).updates)).toEqual(bytes(beforeB.updates));
        expect(await storage.countUpdates('route/a/river')).toBe(1 + a.updates.length - 5);
        expect(await storage.listSnapshots('route/a/river')).toEqual([kept]);
        expect([...(await storage.getSnapshot('route/a/river', kept.id))!.state]).toEqual([...Y.encodeStateAsUpdate(a.doc)]);

        const next = await storage.append([{ docName: 'route/a/river', updates: [Uint8Array.of(0, 0)] }]);
        expect(next.get('route/a/river')).toBeGreaterThan(lastA);
        expect((await storage.addSnapshot(newSnapshot('route/a/river'))).id).toBeGreaterThan(kept.id);
      });

      it('survives several reopens in a row', async () => {
        const { doc, updates } = recordEdits(1, boardEdits);
        for (const update of updates) {
          await storage.append([{ docName: 'route/a/river', updates: [update] }]);
          await reopen();
        }
        expect(contentOf((await storage.load('route/a/river')).updates)).toEqual(contentOf([Y.encodeStateAsUpdate(doc)]));
      });
    });
  });
}
