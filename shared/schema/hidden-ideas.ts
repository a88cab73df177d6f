import * as Y from 'yjs';
import { num, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * Ideas of a hidden brainstorm, kept in the route's server document (`route/<routeId>/server`), which
 * no client is ever sent: until the facilitator reveals them they exist nowhere a participant's browser
 * can read, except as their own author's list over HTTP. Revealing moves them into the river as cards.
 */
export const hiddenIdeasRoot = 'hiddenIdeas';

export interface HiddenIdea {
  id: string;
  streamId: string;
  dayId: string;
  text: string;
  /** The person's name and id, as the river's cards carry them. */
  author: string;
  authorId: string;
  createdAt: number;
}

export const maxIdeaLength = 1000;

function readIdea(map: Y.Map<RecordValue>): HiddenIdea {
  return {
    id: str(map, 'id'),
    streamId: str(map, 'streamId'),
    dayId: str(map, 'dayId'),
    text: str(map, 'text'),
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

  inStream(streamId: string): HiddenIdea[] {
    return this.all().filter((idea) => idea.streamId === streamId);
  }

  idea(id: string): HiddenIdea | null {
    const map = this.map.get(id);
    return map === undefined ? null : readIdea(map);
  }

  add(idea: HiddenIdea): void {
    this.map.set(idea.id, toYRecord(idea));
  }

  remove(id: string): void {
    this.map.delete(id);
  }
}
