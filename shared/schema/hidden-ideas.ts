import * as Y from 'yjs';
import { boardTarget, type LockTarget } from './control.ts';
import { cardColors } from './river.ts';
import { num, setFields, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * Ideas of a hidden brainstorm, kept in the route's server document (`route/<routeId>/server`), which
 * no client is ever sent: until the facilitator reveals them they exist nowhere a participant's browser
 * can read, except as their own author's list over HTTP. Revealing moves them into their board as cards:
 * a river stream's into the river (`streamId`, `dayId`), a case grid's into that host's grid (`hostId`,
 * `groupId`, `rowId`, `columnId`); the other board's fields are ''.
 */
export const hiddenIdeasRoot = 'hiddenIdeas';

export interface HiddenIdea {
  id: string;
  /** The hidden brainstorm it belongs to: `river/stream/<id>` or `case/<hostId>`. */
  target: LockTarget;
  streamId: string;
  dayId: string;
  hostId: string;
  groupId: string;
  rowId: string;
  columnId: string;
  text: string;
  /** The card's colour, one of `cardColors`, as the author chose it. */
  color: string;
  /**
   * Photo ids (see `server/photos/`), in the order added. Until the reveal the server serves them to the
   * idea's author and the facilitators alone, as it does the text.
   */
  photos: string[];
  /** The person's name and id, as the river's cards carry them. */
  author: string;
  authorId: string;
  createdAt: number;
}

export const maxIdeaLength = 1000;

function readIdea(map: Y.Map<RecordValue>): HiddenIdea {
  // Ideas written before grids had hidden brainstorms name only their stream.
  const target = str(map, 'target') || boardTarget.stream(str(map, 'streamId'));
  return {
    id: str(map, 'id'),
    target,
    streamId: str(map, 'streamId'),
    dayId: str(map, 'dayId'),
    hostId: str(map, 'hostId'),
    groupId: str(map, 'groupId'),
    rowId: str(map, 'rowId'),
    columnId: str(map, 'columnId'),
    text: str(map, 'text'),
    color: str(map, 'color', cardColors[0]),
    photos: str(map, 'photos').split(' ').filter((id) => id !== ''),
    author: str(map, 'author'),
    authorId: str(map, 'authorId'),
    createdAt: num(map, 'createdAt'),
  };
}

export class HiddenIdeasDoc {
  constructor(readonly doc: Y.Doc) {}

  get map(): Y.Map<Y.Map<RecordValue>> {
    return this.doc.getMap(hiddenIdeasRoot);
  }

  /** Oldest first, as they were written. */
  all(): HiddenIdea[] {
    return [...this.map.values()].map(readIdea).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  inTarget(target: LockTarget): HiddenIdea[] {
    return this.all().filter((idea) => idea.target === target);
  }

  idea(id: string): HiddenIdea | null {
    const map = this.map.get(id);
    return map === undefined ? null : readIdea(map);
  }

  /** Only the server writes this document, one change at a time: photos can be one string here. */
  add(idea: HiddenIdea): void {
    this.map.set(idea.id, toYRecord({ ...idea, photos: idea.photos.join(' ') }));
  }

  /** Another text, colour, grid cell, river day or photo list for an idea; what is not given stays. */
  change(id: string, fields: Partial<Pick<HiddenIdea, 'text' | 'color' | 'rowId' | 'columnId' | 'dayId' | 'photos'>>): void {
    const map = this.map.get(id);
    const { photos, ...rest } = fields;
    if (map !== undefined) setFields(map, { ...rest, ...(photos === undefined ? {} : { photos: photos.join(' ') }) });
  }

  /** The ideas that carry this photo. */
  withPhoto(photoId: string): HiddenIdea[] {
    return this.all().filter((idea) => idea.photos.includes(photoId));
  }

  remove(id: string): void {
    this.map.delete(id);
  }
}
