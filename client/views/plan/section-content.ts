import { getSchema, type AnyExtension } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { DOMSerializer, type Schema } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { CommentMark, type CommentView } from './comment-mark.ts';

/**
 * What a section's rich text is made of: the nodes and marks its editor offers, and the same schema read
 * without an editor, for the drawing of a section whose editor is not built yet (section-editor.svelte).
 * One list, so the drawing and the editor cannot disagree on what a node looks like.
 */
export function sectionContentExtensions(onActivate: (threadId: string) => void = () => {}): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: { openOnClick: false, autolink: true } }),
    TableKit.configure({ table: { resizable: false } }),
    CommentMark.configure({ onActivate }),
  ];
}

let schema: Schema | undefined;
const sectionSchema = (): Schema => (schema ??= getSchema(sectionContentExtensions()));

/**
 * Draws a section's text into `target` as its editor would (each node's and mark's own HTML), read
 * straight from the Yjs fragment: no editor state, plugins, DOM observer or selection handling, which is
 * most of what an editor costs to build on a long plan. Content the schema cannot hold draws as nothing,
 * as the editor would refuse it too.
 */
export function drawSection(fragment: Y.XmlFragment, target: HTMLElement): void {
  const schema = sectionSchema();
  let content: Node;
  try {
    content = DOMSerializer.fromSchema(schema).serializeFragment(yXmlFragmentToProseMirrorRootNode(fragment, schema).content);
  } catch {
    content = document.createDocumentFragment();
  }
  target.replaceChildren(content);
}

/** The comment highlight of a drawn section: what the comment mark's decorations do in an editor. */
export function highlightThreads(target: HTMLElement, view: CommentView): void {
  for (const span of target.querySelectorAll<HTMLElement>('[data-thread-id]')) {
    const id = span.dataset.threadId ?? '';
    span.classList.toggle('comment-open', view.open.has(id) && id !== view.active);
    span.classList.toggle('comment-active', view.open.has(id) && id === view.active);
  }
}
