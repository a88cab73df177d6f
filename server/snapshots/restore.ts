import * as Y from 'yjs';
import { detectRootKind, getRoot, type RootKind } from './root-types.ts';

/**
 * Makes `doc` look like `state` by writing new content on top of it, in one transaction. Yjs cannot revive
 * content that was deleted (and garbage-collected), so a restore re-creates it: connected clients receive
 * an ordinary update and converge, and the previous content stays recoverable from the snapshot the caller
 * took first. Top-level types and map keys that already match are left untouched, so the change (and what
 * clients must apply) is no larger than the difference. Roots named in `keep` stay as they are (a plan's
 * comments: the discussion outlives the version of the text it was about).
 */
export function restoreState(doc: Y.Doc, state: Uint8Array, keep: readonly string[] = []): void {
  const source = new Y.Doc();
  Y.applyUpdate(source, state);
  const names = new Set([...doc.share.keys(), ...source.share.keys()]);
  doc.transact(() => {
    for (const name of names) {
      if (keep.includes(name)) continue;
      const kind = detectRootKind(source, name) ?? detectRootKind(doc, name);
      if (kind !== null) restoreRoot(doc, source, name, kind);
    }
  });
  source.destroy();
}

function restoreRoot(doc: Y.Doc, source: Y.Doc, name: string, kind: RootKind): void {
  const from = getRoot(source, name, kind);
  const to = getRoot(doc, name, kind);
  if (from instanceof Y.Map && to instanceof Y.Map) return restoreMap(to, from);
  if (from instanceof Y.XmlFragment && to instanceof Y.XmlFragment) {
    if (sameContent(from, to)) return;
    to.delete(0, to.length);
    to.insert(0, from.toArray().map(cloneXmlNode));
    return;
  }
  if (from instanceof Y.Text && to instanceof Y.Text) {
    if (sameContent(from, to)) return;
    to.delete(0, to.length);
    to.applyDelta(from.toDelta());
    return;
  }
  if (from instanceof Y.Array && to instanceof Y.Array) {
    if (sameContent(from, to)) return;
    to.delete(0, to.length);
    to.insert(0, from.toArray().map(cloneValue) as InsertableContent);
  }
}

/** Yjs types its insert methods with a closed union; clones are valid members of it by construction. */
type InsertableContent = Parameters<typeof Y.Array.from>[0];

function restoreMap(to: Y.Map<unknown>, from: Y.Map<unknown>): void {
  for (const key of [...to.keys()]) if (!from.has(key)) to.delete(key);
  for (const [key, value] of from.entries()) {
    if (to.has(key) && sameContent(to.get(key), value)) continue;
    to.set(key, cloneValue(value));
  }
}

/** A detached copy of a value read from one document, ready to be inserted into another. */
function cloneValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    for (const [key, inner] of value.entries()) copy.set(key, cloneValue(inner));
    return copy;
  }
  if (value instanceof Y.Array) return Y.Array.from(value.toArray().map(cloneValue) as InsertableContent);
  if (value instanceof Y.XmlElement || value instanceof Y.XmlText) return cloneXmlNode(value);
  if (value instanceof Y.XmlFragment) {
    const copy = new Y.XmlFragment();
    copy.insert(0, value.toArray().map(cloneXmlNode));
    return copy;
  }
  if (value instanceof Y.Text) {
    const copy = new Y.Text();
    copy.applyDelta(value.toDelta());
    return copy;
  }
  return value;
}

function cloneXmlNode(node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook): Y.XmlElement | Y.XmlText {
  if (node instanceof Y.XmlText) {
    const copy = new Y.XmlText();
    copy.applyDelta(node.toDelta());
    return copy;
  }
  const copy = new Y.XmlElement(node instanceof Y.XmlElement ? node.nodeName : 'fragment');
  if (node instanceof Y.XmlElement) {
    for (const [key, value] of Object.entries(node.getAttributes())) copy.setAttribute(key, value as string);
  }
  if (node instanceof Y.XmlFragment) copy.insert(0, node.toArray().map(cloneXmlNode));
  return copy;
}

/**
 * What a value looks like, in a form that compares equal exactly when the content does: shared types
 * tagged (a Y.Map and a plain object with the same entries differ), map keys sorted (their order follows
 * edit history, not content) and text with its formatting (toJSON drops it).
 */
function fingerprint(value: unknown): unknown {
  if (value instanceof Y.XmlFragment || value instanceof Y.XmlText) return { yxml: value.toString() };
  if (value instanceof Y.Text) return { ytext: value.toDelta() };
  if (value instanceof Y.Array) return { yarray: value.toArray().map(fingerprint) };
  if (value instanceof Y.Map) {
    return { ymap: Object.fromEntries([...value.keys()].sort().map((key) => [key, fingerprint(value.get(key))])) };
  }
  return { value };
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(fingerprint(a)) === JSON.stringify(fingerprint(b));
}
