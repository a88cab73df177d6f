import { riverDocName, routeDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { boardTarget } from '../../shared/schema/control.ts';
import { HiddenIdeasDoc, maxIdeaLength, type HiddenIdea } from '../../shared/schema/hidden-ideas.ts';
import { newId } from '../../shared/schema/ids.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type { Registry } from '../docs/registry.ts';
import type { ControlActions } from './control-actions.ts';

export class HiddenIdeaError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** Who asks: a person from a personal token, or a facilitator (who sees every idea). */
export interface IdeaViewer {
  personId: string | null;
  facilitator: boolean;
}

/**
 * Hidden brainstorming, decided by the server. While a stream is hidden, the write rules refuse
 * participants' cards there in the shared river; ideas are sent here instead and kept in the route's
 * server document, which no client receives. Each author reads back their own; facilitators read all.
 * The room's control document only learns how many wait. Revealing moves them into the river as cards,
 * with the same ids, so a reveal interrupted half way and run again adds nothing twice.
 */
export class HiddenIdeas {
  constructor(
    private readonly registry: Registry,
    private readonly control: ControlActions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a hidden brainstorm on a stream, or reveals it: its ideas become river cards. */
  async setHidden(routeId: string, streamId: string, hidden: boolean): Promise<{ hidden: string[]; revealed: number }> {
    const target = boardTarget.stream(streamId);
    let revealed = 0;
    if (!hidden) revealed = await this.reveal(routeId, streamId);
    // Revealed, the stream takes participants' cards again: those refused meanwhile are resent (A3).
    const hiddenNow = await this.control.change(
      routeId,
      (control) => {
        control.setHidden(target, hidden);
        if (!hidden) control.setHiddenCount(target, 0);
        return control.hiddenTargets();
      },
      { widensRights: !hidden },
    );
    return { hidden: hiddenNow, revealed };
  }

  async add(routeId: string, author: { id: string; name: string }, fields: { streamId: unknown; dayId: unknown; text: unknown }): Promise<HiddenIdea> {
    const { streamId, dayId, text } = fields;
    if (typeof streamId !== 'string' || typeof dayId !== 'string') throw new HiddenIdeaError(400, 'invalid_cell', '"streamId" and "dayId" must name a stream and a day of the route.');
    if (typeof text !== 'string' || text.trim() === '' || text.length > maxIdeaLength) {
      throw new HiddenIdeaError(400, 'invalid_text', `"text" must be an idea of 1 to ${maxIdeaLength} characters.`);
    }
    const target = boardTarget.stream(streamId);
    const isHidden = await this.control.read(routeId, (control) => control.isHidden(target));
    if (!isHidden) throw new HiddenIdeaError(409, 'not_hidden', 'This stream has no hidden brainstorm now: add the card to the river.');
    const dayIds = await this.registry.withRoom(routeDocName(routeId), (room) => new RouteDoc(room.doc).read('days').map((day) => day.id));
    if (!dayIds.includes(dayId)) throw new HiddenIdeaError(400, 'invalid_cell', 'This route has no such day.');
    const idea: HiddenIdea = { id: newId(), streamId, dayId, text: text.trim(), author: author.name, authorId: author.id, createdAt: this.now() };
    await this.registry.withRoom(serverDocName(routeId), (room) => new HiddenIdeasDoc(room.doc).add(idea));
    await this.recount(routeId, streamId);
    return idea;
  }

  async list(routeId: string, viewer: IdeaViewer): Promise<HiddenIdea[]> {
    const all = await this.registry.withRoom(serverDocName(routeId), (room) => new HiddenIdeasDoc(room.doc).all());
    return viewer.facilitator ? all : all.filter((idea) => idea.authorId === viewer.personId);
  }

  async remove(routeId: string, ideaId: string, viewer: IdeaViewer): Promise<void> {
    const streamId = await this.registry.withRoom(serverDocName(routeId), (room) => {
      const ideas = new HiddenIdeasDoc(room.doc);
      const idea = ideas.idea(ideaId);
      // Someone else's idea answers as missing: its existence is not theirs to learn.
      if (idea === null || (!viewer.facilitator && idea.authorId !== viewer.personId)) throw new HiddenIdeaError(404, 'idea_not_found', 'There is no such idea of yours.');
      ideas.remove(ideaId);
      return idea.streamId;
    });
    await this.recount(routeId, streamId);
  }

  private async reveal(routeId: string, streamId: string): Promise<number> {
    const ideas = await this.registry.withRoom(serverDocName(routeId), (room) => new HiddenIdeasDoc(room.doc).inStream(streamId));
    if (ideas.length === 0) return 0;
    await this.registry.withRoom(riverDocName(routeId), (room) => {
      const river = new RiverDoc(room.doc);
      room.doc.transact(() => {
        for (const idea of ideas) {
          if (river.card(idea.id) !== null) continue;
          river.addCard({ id: idea.id, text: idea.text, author: idea.author, authorId: idea.authorId, streamId: idea.streamId, dayId: idea.dayId }, idea.createdAt);
        }
      });
    });
    // Stored in the river before they leave the hidden list (flush commits in order of arrival).
    await this.registry.flush();
    await this.registry.withRoom(serverDocName(routeId), (room) => {
      const hidden = new HiddenIdeasDoc(room.doc);
      room.doc.transact(() => ideas.forEach((idea) => hidden.remove(idea.id)));
    });
    return ideas.length;
  }

  private async recount(routeId: string, streamId: string): Promise<void> {
    const count = await this.registry.withRoom(serverDocName(routeId), (room) => new HiddenIdeasDoc(room.doc).inStream(streamId).length);
    await this.control.change(routeId, (control) => control.setHiddenCount(boardTarget.stream(streamId), count));
  }
}
