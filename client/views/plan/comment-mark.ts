import { Mark, mergeAttributes } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { commentMark } from '../../../shared/schema/plan-comments.ts';

/**
 * The anchor of a comment thread: a mark carrying the thread's id around the commented words. Several
 * threads may cover the same words (`excludes: ''`), typing at either end does not extend it
 * (`inclusive: false`), and the text it covers moves with edits like any other mark. Resolved threads keep
 * their mark (a reopened thread is anchored again) and lose the highlight, through decorations fed with
 * the open and the selected thread ids, since the mark itself does not know the thread's state. A mark
 * of no open thread (resolved, deleted, or brought back by restoring an older version) shows nothing.
 */
export interface CommentView {
  open: ReadonlySet<string>;
  active: string | null;
}

const viewKey = new PluginKey<CommentView>('commentView');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    comment: {
      /** Marks the selection as the anchor of `threadId`. */
      setComment: (threadId: string) => ReturnType;
      /** Removes `threadId`'s anchor wherever it is. */
      unsetComment: (threadId: string) => ReturnType;
      /** Tells the highlight which threads are resolved and which one is selected. */
      setCommentView: (view: CommentView) => ReturnType;
    };
  }
}

export const CommentMark = Mark.create<{ onActivate: (threadId: string) => void }>({
  name: commentMark,
  inclusive: false,
  excludes: '',

  addOptions() {
    return { onActivate: () => {} };
  },

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-thread-id'),
        renderHTML: (attributes) => ({ 'data-thread-id': attributes.threadId as string }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-thread-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'comment-anchor' }), 0];
  },

  addCommands() {
    return {
      setComment:
        (threadId) =>
        ({ commands }) =>
          commands.setMark(this.name, { threadId }),
      unsetComment:
        (threadId) =>
        ({ tr, state, dispatch }) => {
          const type = state.schema.marks[this.name]!;
          state.doc.descendants((node, pos) => {
            for (const mark of node.marks) {
              if (mark.type === type && mark.attrs.threadId === threadId) tr.removeMark(pos, pos + node.nodeSize, mark);
            }
          });
          if (dispatch) dispatch(tr);
          return true;
        },
      setCommentView:
        (view) =>
        ({ tr, dispatch }) => {
          if (dispatch) dispatch(tr.setMeta(viewKey, view));
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const type = this.type;
    const onActivate = this.options.onActivate;
    return [
      new Plugin<CommentView>({
        key: viewKey,
        state: {
          init: () => ({ open: new Set(), active: null }),
          apply: (tr, value) => tr.getMeta(viewKey) ?? value,
        },
        props: {
          decorations(state: EditorState) {
            const view = viewKey.getState(state)!;
            const decorations: Decoration[] = [];
            state.doc.descendants((node, pos) => {
              if (!node.isText) return;
              for (const mark of node.marks) {
                if (mark.type !== type) continue;
                const id = mark.attrs.threadId as string;
                if (!view.open.has(id)) continue;
                decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: id === view.active ? 'comment-active' : 'comment-open' }));
              }
            });
            return DecorationSet.create(state.doc, decorations);
          },
          handleClick(view, pos) {
            const marks = view.state.doc.resolve(pos).marks();
            const mark = marks.find((candidate) => candidate.type === type);
            if (mark) onActivate(mark.attrs.threadId as string);
            return false;
          },
        },
      }),
    ];
  },
});
