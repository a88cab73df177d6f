import * as Y from 'yjs';

/**
 * One person's changes to a document in this tab. Each goes through one transaction tagged with this object
 * as its origin, and the undo manager tracks that origin only: Ctrl+Z takes back what this person did, never
 * what others did meanwhile (their changes arrive with the provider as origin). Subclasses add their own
 * verbs, each made through `change`.
 */
export class UndoableEdits {
  readonly #doc: Y.Doc;
  readonly #undo: Y.UndoManager;
  /** The undo manager's stacks are not reactive; these follow them after every change made here. */
  canUndo = $state(false);
  canRedo = $state(false);

  constructor(doc: Y.Doc, scope: ConstructorParameters<typeof Y.UndoManager>[0]) {
    this.#doc = doc;
    this.#undo = new Y.UndoManager(scope);
    // By default it tracks transactions without an origin; only this tab's tagged ones belong to it.
    this.#undo.removeTrackedOrigin(null);
    this.#undo.addTrackedOrigin(this);
  }

  /** How many steps Ctrl+Z can take back now (a change that changed nothing adds none). */
  get undoSteps(): number {
    return this.#undo.undoStack.length;
  }

  undo(): void {
    this.#undo.undo();
    this.#follow();
  }

  redo(): void {
    this.#undo.redo();
    this.#follow();
  }

  destroy(): void {
    this.#undo.destroy();
  }

  protected change<T>(apply: () => T): T {
    // Every action is its own undo step, however quickly the next one follows.
    this.#undo.stopCapturing();
    let result!: T;
    this.#doc.transact(() => (result = apply()), this);
    this.#follow();
    return result;
  }

  #follow(): void {
    this.canUndo = this.#undo.canUndo();
    this.canRedo = this.#undo.canRedo();
  }
}

/** A card board's edits: its own verbs, and the photos every board's cards carry. */
export abstract class CardEdits extends UndoableEdits {
  /** Adds a photo to a card (the schema keeps it beside one another person adds at the same time). */
  addPhoto(id: string, photoId: string): void {
    this.change(() => this.board.addPhoto(id, photoId, Date.now()));
  }

  /** Takes a photo off a card; the stored file stays, so an undo or a snapshot restore can show it again. */
  removePhoto(id: string, photoId: string): void {
    this.change(() => this.board.removePhoto(id, photoId, Date.now()));
  }

  /** The board document's own photo verbs (`RiverDoc`, `CaseDoc`). */
  protected abstract get board(): { addPhoto(id: string, photoId: string, now: number): void; removePhoto(id: string, photoId: string, now: number): void };
}

/**
 * Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y anywhere on a board's page, except inside a text field, which keeps its
 * own undo. True when the key was used.
 */
export function handleUndoKeys(event: KeyboardEvent, edits: Pick<UndoableEdits, 'undo' | 'redo'>): boolean {
  if (!(event.ctrlKey || event.metaKey)) return false;
  if ((event.target as HTMLElement).closest('input, textarea, select, [contenteditable]')) return false;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) edits.undo();
  else if ((key === 'z' && event.shiftKey) || key === 'y') edits.redo();
  else return false;
  event.preventDefault();
  return true;
}
