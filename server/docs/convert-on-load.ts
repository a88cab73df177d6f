import type * as Y from 'yjs';
import { listEveryCardsPhotos } from '../../shared/schema/card-photos.ts';
import { CaseDoc } from '../../shared/schema/case.ts';
import { parseRouteDocName } from '../../shared/schema/doc-kinds.ts';
import { RiverDoc } from '../../shared/schema/river.ts';

/**
 * Brings a document written by an older Tributary up to today's schema as the server loads it, once, in
 * one transaction: made here rather than by the first client that touches an old card, because two clients
 * doing it at once each make their own version and one of them is lost (see card-photos.ts). Run it
 * where its update is stored and sent like any other change. Returns how many records it converted.
 *
 * Two instances of a cluster loading the same old document at the same moment could still both convert
 * it; the window is one load, and only a photo change made on the losing instance in it would be lost.
 */
export function convertOnLoad(docName: string, doc: Y.Doc): number {
  const kind = parseRouteDocName(docName)?.doc.kind;
  if (kind === 'river') return listEveryCardsPhotos(new RiverDoc(doc).cardsMap);
  if (kind === 'case') return listEveryCardsPhotos(new CaseDoc(doc).cardsMap);
  return 0;
}
