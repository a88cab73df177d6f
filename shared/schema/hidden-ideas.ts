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

  add(idea: HiddenIdea): void {
    this.map.set(idea.id, toYRecord(idea));
  }

  /** Another text, colour or cell for an idea; what is not given stays. */
  change(id: string, fields: Partial<Pick<HiddenIdea, 'text' | 'color' | 'rowId' | 'columnId'>>): void {
    const map = this.map.get(id);
    if (map !== undefined) setFields(map, fields);
  }

  remove(id: string): void {
    this.map.delete(id);
  }
}
