import * as Y from 'yjs';
import { newId } from './ids.ts';
import { isPlanSectionId, type PlanSectionId } from './plan-template.ts';
import { str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * Comments on a plan's text, in the plan's own document. A thread is anchored by a `comment` mark on the
 * words it is about (the mark carries the thread's id), so the anchor moves with the words as anyone
 * edits before or inside them, offline too: a mark is part of the text, where relative positions drift
 * when a paragraph is split. Threads and replies are records of one array beside the text.
 *
 * A restore of an older version leaves this array as it is (see `rootsKeptOnRestore`): the discussion
 * outlives the text it was about, and a thread whose words are gone keeps their quote.
 */
export const commentsRoot = 'comments';

/** The mark TipTap writes around commented words. */
export const commentMark = 'comment';

export interface CommentRecord {
  id: string;
  /** '' for a thread's first comment; the thread's id for a reply. */
  threadId: string;
  sectionId: PlanSectionId;
  /** The commented words when the thread was started. */
  quote: string;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  /** On a thread's first comment only. */
  resolved: boolean;
}

export interface Thread extends CommentRecord {
  replies: CommentRecord[];
}

function readComment(map: Y.Map<RecordValue>): CommentRecord | null {
  const sectionId = str(map, 'sectionId');
  if (!isPlanSectionId(sectionId) || str(map, 'id') === '') return null;
  const createdAt = map.get('createdAt');
  return {
    id: str(map, 'id'),
    threadId: str(map, 'threadId'),
    sectionId,
    quote: str(map, 'quote'),
    text: str(map, 'text'),
    authorId: str(map, 'authorId'),
    authorName: str(map, 'authorName'),
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    resolved: map.get('resolved') === true,
  };
}

/**
 * The author id of every comment written through a shared link (a token that names no person): the server
 * can tell none of its holders from another, so such comments are no one's to change, and nobody writes
 * one in a person's name (server/auth/write-rules.ts).
 */
export const sharedLinkAuthorId = 'shared-link';

export interface Author {
  id: string;
  name: string;
}

/** Typed access to a plan's comments. */
export class PlanComments {
  constructor(readonly doc: Y.Doc) {}

  get array(): Y.Array<Y.Map<RecordValue>> {
    return this.doc.getArray(commentsRoot);
  }

  /** Threads in the order they were started, each with its replies in order. */
  threads(): Thread[] {
    const records = this.array.toArray().flatMap((map) => readComment(map) ?? []);
    const threads = new Map<string, Thread>();
    for (const record of records) if (record.threadId === '') threads.set(record.id, { ...record, replies: [] });
    for (const record of records) if (record.threadId !== '') threads.get(record.threadId)?.replies.push(record);
    return [...threads.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Starts a thread. The editor marks the words first (with an id from `newId()`) and passes it here,
   * so the anchor and the record meet.
   */
  start(fields: { sectionId: PlanSectionId; quote: string; text: string }, author: Author, now: number, id = newId()): string {
    const record: CommentRecord = { id, threadId: '', ...fields, authorId: author.id, authorName: author.name, createdAt: now, resolved: false };
    this.array.push([toYRecord(record)]);
    return id;
  }

  reply(threadId: string, text: string, author: Author, now: number): string | null {
    const thread = this.#map(threadId);
    if (!thread) return null;
    const id = newId();
    const sectionId = str(thread, 'sectionId') as PlanSectionId;
    const record: CommentRecord = { id, threadId, sectionId, quote: '', text, authorId: author.id, authorName: author.name, createdAt: now, resolved: false };
    this.array.push([toYRecord(record)]);
    return id;
  }

  setResolved(threadId: string, resolved: boolean): void {
    const thread = this.#map(threadId);
    if (thread && thread.get('resolved') !== resolved) thread.set('resolved', resolved);
  }

  /** Removes a comment; removing a thread's first comment removes its replies too. */
  remove(id: string): void {
    this.doc.transact(() => {
      const array = this.array;
      for (let index = array.length - 1; index >= 0; index--) {
        const map = array.get(index);
        if (str(map, 'id') === id || str(map, 'threadId') === id) array.delete(index, 1);
      }
    });
  }

  #map(id: string): Y.Map<RecordValue> | undefined {
    return this.array.toArray().find((map) => str(map, 'id') === id && str(map, 'threadId') === '');
  }
}

/**
 * The thread ids of the comment marks in a section's fragment, with the words each covers, read the way
 * y-tiptap stores marks (a text attribute `comment`, or `comment--<hash>` when several overlap).
 */
export function anchoredThreads(fragment: Y.XmlFragment): Map<string, string> {
  const anchors = new Map<string, string>();
  const visit = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText): void => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
        if (typeof op.insert !== 'string') continue;
        for (const [key, value] of Object.entries(op.attributes ?? {})) {
          if (key.split('--')[0] !== commentMark) continue;
          const threadId = (value as { threadId?: unknown } | null)?.threadId;
          if (typeof threadId === 'string') anchors.set(threadId, (anchors.get(threadId) ?? '') + op.insert);
        }
      }
      return;
    }
    for (const child of node.toArray()) if (child instanceof Y.XmlElement || child instanceof Y.XmlText) visit(child);
  };
  visit(fragment);
  return anchors;
}

/** Roots of a document that restoring an older version leaves as they are. */
export function rootsKeptOnRestore(docName: string): string[] {
  return /^route\/[^/]+\/plan\/[^/]+$/.test(docName) ? [commentsRoot] : [];
}
