import type * as Y from 'yjs';

/** One real provider instance bound to one document. */
export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves on the provider's own 'synced' signal (which, for some servers, comes before stored content). */
  readonly synced: Promise<void>;
  /** Closes the provider and destroys the document (and with it the awareness timer). */
  destroy(): void;
}
