import * as Y from 'yjs';
import { expect, test } from 'vitest';
import { addNote, deleteNote, maxNoteLength, notesOf } from '../../../../../client/views/notes/notes.ts';

test('adds trimmed notes and ignores blank ones', () => {
  const notes = notesOf(new Y.Doc());
  addNote(notes, '  Visit the fish ponds ');
  addNote(notes, '   ');
  addNote(notes, 'x'.repeat(maxNoteLength + 10));
  expect(notes.toArray()).toEqual(['Visit the fish ponds', 'x'.repeat(maxNoteLength)]);
});

test('deletes a note only where the person saw it', () => {
  const notes = notesOf(new Y.Doc());
  addNote(notes, 'first');
  addNote(notes, 'second');
  // Someone else inserted at the front after this person's screen showed "second" at index 1.
  notes.insert(0, ['inserted meanwhile']);
  deleteNote(notes, 1, 'second');
  expect(notes.toArray()).toEqual(['inserted meanwhile', 'first', 'second']);
  deleteNote(notes, 2, 'second');
  expect(notes.toArray()).toEqual(['inserted meanwhile', 'first']);
});
