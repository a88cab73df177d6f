import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { detectRootKind, documentToJSON, getRoot } from '../../../../server/snapshots/root-types.ts';

/** A document that holds `build`'s content but, like one loaded from storage, has not instantiated its roots. */
function loadedFrom(build: (doc: Y.Doc) => void): Y.Doc {
  const source = new Y.Doc();
  build(source);
  const loaded = new Y.Doc();
  Y.applyUpdate(loaded, Y.encodeStateAsUpdate(source));
  return loaded;
}

function expectUninstantiated(doc: Y.Doc, name: string): void {
  const type = doc.share.get(name);
  expect(type).toBeDefined();
  for (const kind of [Y.Map, Y.Array, Y.Text, Y.XmlFragment]) expect(type).not.toBeInstanceOf(kind);
}

describe('detectRootKind on a document built only from an update', () => {
  it('a map', () => {
    const doc = loadedFrom((d) => d.getMap('grid').set('results', 'three villages'));
    expectUninstantiated(doc, 'grid');
    expect(detectRootKind(doc, 'grid')).toBe('map');
  });

  it('a map whose first keys were deleted', () => {
    const doc = loadedFrom((d) => {
      const map = d.getMap('grid');
      map.set('a', 1);
      map.set('b', 2);
      map.delete('a');
    });
    expect(detectRootKind(doc, 'grid')).toBe('map');
  });

  it('a map holding only nested types', () => {
    const doc = loadedFrom((d) => d.getMap('grid').set('inner', new Y.Array()));
    expect(detectRootKind(doc, 'grid')).toBe('map');
  });

  it('an array of plain values', () => {
    const doc = loadedFrom((d) => d.getArray('cards').push([1, 'two', { three: 3 }]));
    expectUninstantiated(doc, 'cards');
    expect(detectRootKind(doc, 'cards')).toBe('array');
  });

  it('an array of nested maps and texts', () => {
    const doc = loadedFrom((d) => d.getArray('cards').push([new Y.Map(), new Y.Text('x')]));
    expect(detectRootKind(doc, 'cards')).toBe('array');
  });

  it('an array of binary values', () => {
    const doc = loadedFrom((d) => d.getArray('blobs').push([Uint8Array.of(1, 2, 3)]));
    expect(detectRootKind(doc, 'blobs')).toBe('array');
  });

  it('an array whose first items were deleted', () => {
    const doc = loadedFrom((d) => {
      const array = d.getArray<number>('cards');
      array.push([1, 2, 3]);
      array.delete(0, 2);
    });
    expect(detectRootKind(doc, 'cards')).toBe('array');
  });

  it('a plain text', () => {
    const doc = loadedFrom((d) => d.getText('notes').insert(0, 'ສະບາຍດີ'));
    expectUninstantiated(doc, 'notes');
    expect(detectRootKind(doc, 'notes')).toBe('text');
  });

  it('a text that starts with formatting', () => {
    const doc = loadedFrom((d) => d.getText('notes').insert(0, 'bold start', { bold: true }));
    expect(detectRootKind(doc, 'notes')).toBe('text');
  });

  it('a text whose first characters were deleted', () => {
    const doc = loadedFrom((d) => {
      const text = d.getText('notes');
      text.insert(0, 'abc');
      text.insert(3, 'def');
      text.delete(0, 3);
    });
    expect(detectRootKind(doc, 'notes')).toBe('text');
  });

  it('a text holding only an embed', () => {
    const doc = loadedFrom((d) => d.getText('notes').insertEmbed(0, { image: 'river.png' }));
    expect(detectRootKind(doc, 'notes')).toBe('text');
  });

  it('an XML fragment as TipTap writes it', () => {
    const doc = loadedFrom((d) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('hello')]);
      d.getXmlFragment('prosemirror').insert(0, [paragraph]);
    });
    expectUninstantiated(doc, 'prosemirror');
    expect(detectRootKind(doc, 'prosemirror')).toBe('xml');
  });

  it('an XML fragment holding only text', () => {
    const doc = loadedFrom((d) => d.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('bare')]));
    expect(detectRootKind(doc, 'prosemirror')).toBe('xml');
  });

  it('null for a root whose content was all deleted, and for a name the document does not have', () => {
    const doc = loadedFrom((d) => {
      d.getArray<number>('cards').push([1]);
      d.getArray<number>('cards').delete(0, 1);
      d.getMap('grid').set('a', 1);
      d.getMap('grid').delete('a');
    });
    expect(detectRootKind(doc, 'cards')).toBeNull();
    expect(detectRootKind(doc, 'grid')).toBeNull();
    expect(detectRootKind(doc, 'missing')).toBeNull();
  });

  it('does not instantiate the root it inspects', () => {
    const doc = loadedFrom((d) => d.getText('notes').insert(0, 'x'));
    detectRootKind(doc, 'notes');
    expectUninstantiated(doc, 'notes');
    // Had it instantiated the root as something else, this would throw.
    expect(doc.getText('notes').toString()).toBe('x');
  });
});

describe('detectRootKind on instantiated roots', () => {
  it('reports the kind they were created as, even when empty', () => {
    const doc = new Y.Doc();
    doc.getMap('m');
    doc.getArray('a');
    doc.getText('t');
    doc.getXmlFragment('x');
    expect(['m', 'a', 't', 'x'].map((name) => detectRootKind(doc, name))).toEqual(['map', 'array', 'text', 'xml']);
  });
});

describe('getRoot', () => {
  it('instantiates a loaded root as the detected kind, with its content', () => {
    const doc = loadedFrom((d) => {
      d.getMap('grid').set('k', 'v');
      d.getArray('cards').push([1]);
      d.getText('notes').insert(0, 'n');
      d.getXmlFragment('pm').insert(0, [new Y.XmlElement('paragraph')]);
    });
    const grid = getRoot(doc, 'grid', detectRootKind(doc, 'grid')!);
    expect(grid).toBeInstanceOf(Y.Map);
    expect(grid.toJSON()).toEqual({ k: 'v' });
    expect(getRoot(doc, 'cards', 'array').toJSON()).toEqual([1]);
    expect(getRoot(doc, 'notes', 'text').toString()).toBe('n');
    expect(getRoot(doc, 'pm', 'xml').toString()).toBe('<paragraph></paragraph>');
  });
});

describe('documentToJSON', () => {
  it('lists every non-empty root by name, sorted, with its kind and JSON value', () => {
    const doc = loadedFrom((d) => {
      d.getText('notes').insert(0, 'plain and ');
      d.getText('notes').insert(10, 'bold', { bold: true });
      d.getMap('grid').set('nested', new Y.Map([['x', 1]]));
      d.getArray('cards').push(['a']);
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', '2');
      heading.insert(0, [new Y.XmlText('Title')]);
      d.getXmlFragment('prosemirror').insert(0, [heading]);
      d.getArray('emptied').push([1]);
      d.getArray('emptied').delete(0, 1);
    });
    const json = documentToJSON(doc);
    expect(Object.keys(json)).toEqual(['cards', 'grid', 'notes', 'prosemirror']);
    expect(json).toEqual({
      cards: { kind: 'array', value: ['a'] },
      grid: { kind: 'map', value: { nested: { x: 1 } } },
      notes: { kind: 'text', value: 'plain and bold' },
      prosemirror: { kind: 'xml', value: '<heading level="2">Title</heading>' },
    });
  });

  it('is the same for a document and for a copy loaded from its update', () => {
    const doc = new Y.Doc();
    doc.getMap('grid').set('a', new Y.Array());
    doc.getText('notes').insert(0, 'x');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(documentToJSON(copy)).toEqual(documentToJSON(doc));
  });

  it('is empty for an empty document', () => {
    expect(documentToJSON(new Y.Doc())).toEqual({});
  });
});
