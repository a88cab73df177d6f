/**
 * The bench page's script (bundled by esbuild for Chromium): the plan page's TipTap editor (StarterKit without
 * its own undo, tables, Collaboration, the collaboration caret) on one Yjs document, through Tributary's stock
 * y-websocket provider or Hocuspocus's own provider, chosen by the page's query. It records, in the real clock
 * (`performance.timeOrigin + performance.now()`, the same for every page of one machine), when each of its own
 * keystrokes went down and when each of the others' reached its DOM.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const query = new URLSearchParams(location.search);
const system = query.get('system');
const url = query.get('url') ?? '';
const docName = query.get('doc') ?? '';
const index = Number(query.get('index'));
const doc = new Y.Doc();

let synced: Promise<void>;
let awareness;
if (system === 'hocuspocus') {
  const provider = new HocuspocusProvider({ url, name: docName, document: doc });
  awareness = provider.awareness!;
  synced = new Promise((resolve) => provider.on('synced', () => resolve()));
} else {
  const provider = new WebsocketProvider(url, docName, doc, { params: { token: query.get('token') ?? '' }, disableBc: true });
  awareness = provider.awareness;
  synced = new Promise((resolve) => provider.once('sync', () => resolve()));
}

const element = document.createElement('div');
document.body.append(element);
const editor = new Editor({
  element,
  extensions: [
    StarterKit.configure({ undoRedo: false }),
    TableKit.configure({ table: { resizable: false } }),
    Collaboration.configure({ document: doc }),
    CollaborationCaret.configure({ provider: { awareness }, user: { name: `Editor ${index + 1}`, color: `hsl(${index * 36} 70% 45%)` } }),
  ],
});

const now = (): number => performance.timeOrigin + performance.now();
/** Per paragraph (one per editor), the length seen so far and when each length reached the DOM. */
const lengths: number[] = [];
const seenAt: Array<Record<number, number>> = [];
/** This page's own keystrokes: when each went down. */
const sentAt: number[] = [];

new MutationObserver(() => {
  const at = now();
  const { doc: content } = editor.state;
  for (let i = 0; i < content.childCount; i++) {
    const length = content.child(i).textContent.length;
    const before = lengths[i] ?? length;
    seenAt[i] ??= {};
    for (let l = before + 1; l <= length; l++) seenAt[i]![l] ??= at;
    lengths[i] = Math.max(before, length);
  }
}).observe(editor.view.dom, { subtree: true, childList: true, characterData: true });

editor.view.dom.addEventListener('keydown', () => sentAt.push(now()), { capture: true });

Object.assign(window, {
  bench: {
    synced: () => synced,
    /** Writes one paragraph per editor, once, into an empty document. */
    seed: (editors: number) => {
      if (editor.state.doc.textContent.length > 0) return;
      editor.commands.setContent(Array.from({ length: editors }, (_, i) => `<p>Editor ${i + 1} writes here: </p>`).join(''));
    },
    /** Writes `html` (the long plan), once, into an empty document. */
    seedHtml: (html: string) => {
      if (editor.state.doc.textContent.length === 0) editor.commands.setContent(html);
    },
    paragraphs: () => editor.state.doc.childCount,
    /** The caret at the end of this editor's own paragraph; returns its length there. */
    placeCaret: () => {
      let pos = 0;
      for (let i = 0; i < index; i++) pos += editor.state.doc.child(i).nodeSize;
      const own = editor.state.doc.child(index);
      editor.commands.focus();
      editor.commands.setTextSelection(pos + 1 + own.content.size);
      lengths.length = 0;
      for (let i = 0; i < editor.state.doc.childCount; i++) lengths[i] = editor.state.doc.child(i).textContent.length;
      return own.textContent.length;
    },
    text: () => editor.state.doc.textContent,
    /** The caret at the end of the document's first paragraph. */
    focusStart: () => {
      editor.commands.focus();
      editor.commands.setTextSelection(editor.state.doc.child(0).nodeSize - 1);
    },
    record: () => ({ sentAt, seenAt }),
  },
});
