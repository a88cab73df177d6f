import * as Y from 'yjs';

/**
 * A document read from storage does not know what kind each top-level type is: Yjs instantiates them as
 * plain AbstractType until someone asks for `getMap`, `getText`… The first live item tells the kind.
 * Documents with a schema (shared/schema) know their kinds; this is for generic tools (snapshot reading
 * and restore) that must handle any document.
 */
export type RootKind = 'map' | 'array' | 'text' | 'xml';

export function detectRootKind(doc: Y.Doc, name: string): RootKind | null {
  const type = doc.share.get(name);
  if (type === undefined) return null;
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.XmlFragment) return 'xml';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Array) return 'array';
  for (const item of type._map.values()) if (!item.deleted) return 'map';
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) {
      return 'text';
    }
    if (content instanceof Y.ContentType && isXmlNode(content.type)) return 'xml';
    return 'array';
  }
  return null;
}

function isXmlNode(type: Y.AbstractType<unknown>): boolean {
  return type instanceof Y.XmlElement || type instanceof Y.XmlText || type instanceof Y.XmlHook;
}

export type RootType = Y.Map<unknown> | Y.Array<unknown> | Y.Text | Y.XmlFragment;

export function getRoot(doc: Y.Doc, name: string, kind: RootKind): RootType {
  switch (kind) {
    case 'map':
      return doc.getMap(name);
    case 'array':
      return doc.getArray(name);
    case 'text':
      return doc.getText(name);
    case 'xml':
      return doc.getXmlFragment(name);
  }
}

/** A JSON view of a whole document: each top-level type by name, with its kind. */
export function documentToJSON(doc: Y.Doc): Record<string, { kind: RootKind; value: unknown }> {
  const result: Record<string, { kind: RootKind; value: unknown }> = {};
  for (const name of [...doc.share.keys()].sort()) {
    const kind = detectRootKind(doc, name);
    if (kind === null) continue;
    const root = getRoot(doc, name, kind);
    result[name] = { kind, value: root instanceof Y.XmlFragment ? root.toString() : root.toJSON() };
  }
  return result;
}
