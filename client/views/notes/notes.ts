import type * as Y from 'yjs';

/**
 * The demo notes document: one top-level Y.Array of plain strings. It proves live sync for the
 * foundation stage; the real boards' schemas live in shared/schema.
 */
const notesTypeName = 'notes';
export const maxNoteLength = 500;

export function notesOf(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(notesTypeName);
}

export function addNote(notes: Y.Array<string>, text: string): void {
  const trimmed = text.trim().slice(0, maxNoteLength);
  if (trimmed) notes.push([trimmed]);
}

/** Deletes only if the note is still where the person saw it; a concurrent edit may have moved it. */
export function deleteNote(notes: Y.Array<string>, index: number, text: string): void {
  if (notes.get(index) === text) notes.delete(index, 1);
}
