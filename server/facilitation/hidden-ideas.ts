import { caseDocName, experienceDocName, riverDocName, routeDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { CaseDoc, CaseTemplates } from '../../shared/schema/case.ts';
import { boardTarget, type LockTarget } from '../../shared/schema/control.ts';
import { HiddenIdeasDoc, type HiddenIdea } from '../../shared/schema/hidden-ideas.ts';
import { newId } from '../../shared/schema/ids.ts';
import { cardColors, RiverDoc } from '../../shared/schema/river.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type * as Y from 'yjs';
import type { Grant } from '../auth/access.ts';
import type { Registry } from '../docs/registry.ts';
import { roleOn } from '../learning-routes/catalog.ts';
import type { ControlActions } from './control-actions.ts';
import { checkedColor, checkedPhotos, checkedText, HiddenIdeaError, idTaken, noText, type HiddenIdeaChanges } from './hidden-idea-fields.ts';

/** What a participant sends for an idea, unchecked; `id` only to put back one they took back (an undo). */
export type IdeaFields = Partial<Record<'id' | 'streamId' | 'dayId' | 'hostId' | 'groupId' | 'rowId' | 'columnId' | 'color' | 'photos', unknown>> & { text: unknown };

/** What may change of an idea while it waits, unchecked: its text, colour and photos, a grid card's cell, a river idea's day. */
export type IdeaChange = Partial<Record<'text' | 'color' | 'rowId' | 'columnId' | 'streamId' | 'dayId' | 'photos', unknown>>;

/** An id a client may give back: the shape `newId` makes. */
const ideaIdPattern = /^[a-z0-9]{6,32}$/;

/** Who asks: a person from a personal token, or a facilitator (who sees every idea). */
export interface IdeaViewer {
  personId: string | null;
  facilitator: boolean;
}

/** The viewer a grant is on a route, and its role there (null: none). */
export function ideaViewerOf(grant: Grant, routeId: string): { viewer: IdeaViewer; role: ReturnType<typeof roleOn> } {
  const role = roleOn(grant, routeId);
  const personId = grant.kind === 'route' && grant.routeId === routeId ? (grant.person?.id ?? null) : null;
  return { viewer: { personId, facilitator: role === 'admin' || role === 'facilitator' }, role };
}

/**
 * Hidden brainstorming, decided by the server. While a river stream or a case grid is hidden, the write
 * rules refuse participants' cards there in the shared document; ideas are sent here instead and kept in the route's
 * server document, which no client receives. Each author reads back their own; facilitators read all.
 * The room's control document only learns how many wait. Revealing moves them into their board as cards,
 * with the same ids, so a reveal interrupted half way and run again adds nothing twice.
 */
export class HiddenIdeas {
  constructor(
    private readonly registry: Registry,
    private readonly control: ControlActions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Starts a hidden brainstorm on a river stream (`river/stream/<id>`) or a host's case grid
   * (`case/<hostId>`), or reveals it: its ideas become cards on that board.
   */
  async setHidden(routeId: string, target: LockTarget, hidden: boolean): Promise<{ hidden: string[]; revealed: number }> {
    const hostId = hostOf(target);
    if (hostId !== null && !(await this.withSetup(routeId, (setup) => setup.read('hosts').some((host) => host.id === hostId)))) {
      throw new HiddenIdeaError(400, 'invalid_host', 'This route has no such host.');
    }
    if (!hidden) return this.reveal(routeId, target, hostId);
    const hiddenNow = await this.control.change(routeId, (control) => {
      control.setHidden(target, true);
      return control.hiddenTargets();
    });
    return { hidden: hiddenNow, revealed: 0 };
  }

  /**
   * An idea for a hidden stream (`streamId`, `dayId`) or a hidden case grid (`hostId`, `groupId`, `rowId`,
   * `columnId`). With `id`, an idea its author took back comes back under its own id (their undo), as long
   * as no idea or card of the board has it.
   */
  async add(routeId: string, author: { id: string; name: string }, fields: IdeaFields): Promise<HiddenIdea> {
    const photos = checkedPhotos(fields.photos) ?? [];
    // A card may be a photo alone, as on the boards.
    const text = checkedText(fields.text, photos.length > 0);
    const color = checkedColor(fields.color);
    const place = await this.placeOf(routeId, fields);
    const isHidden = await this.control.read(routeId, (control) => control.isHidden(place.target));
    if (!isHidden) throw new HiddenIdeaError(409, 'not_hidden', 'This board has no hidden brainstorm now: add the card to it.');
    const id = fields.id === undefined ? newId() : await this.freeId(routeId, place, fields.id);
    const idea: HiddenIdea = { id, ...place, text, color: color ?? cardColors[0], photos, author: author.name, authorId: author.id, createdAt: this.now() };
    await this.withCount(routeId, place.target, author.id, (ideas) => {
      if (ideas.idea(id) !== null) throw idTaken();
      ideas.add(idea);
    });
    return idea;
  }

  /**
   * Changes an idea while it waits: its author's, or a facilitator's. A grid card moves to another cell of its
   * grid, a river idea to another day of its stream (another stream is another brainstorm, hidden or not).
   */
  async change(routeId: string, ideaId: string, viewer: IdeaViewer, fields: IdeaChange): Promise<HiddenIdea> {
    const idea = await this.registry.withRoom(serverDocName(routeId), (room) => ownIdea(new HiddenIdeasDoc(room.doc), ideaId, viewer));
    const changes: HiddenIdeaChanges = {};
    if (fields.photos !== undefined) changes.photos = checkedPhotos(fields.photos);
    if (fields.text !== undefined) changes.text = checkedText(fields.text, true);
    if (fields.color !== undefined) changes.color = checkedColor(fields.color);
    if ((changes.text ?? idea.text) === '' && (changes.photos ?? idea.photos).length === 0) throw noText();
    Object.assign(changes, idea.hostId === '' ? await this.riverMove(routeId, idea, fields) : await this.gridMove(routeId, idea, fields));
    let changed!: HiddenIdea;
    await this.withCount(routeId, idea.target, idea.authorId, (ideas) => {
      // Asked again: it may have been revealed or taken back while the cell was checked.
      ownIdea(ideas, ideaId, viewer);
      ideas.change(ideaId, changes);
      changed = ideas.idea(ideaId)!;
    });
    return changed;
  }

  /** A river idea's new day, if asked for: a day of the route, in the stream it was written for. */
  private async riverMove(routeId: string, idea: HiddenIdea, fields: IdeaChange): Promise<HiddenIdeaChanges> {
    if (fields.rowId !== undefined || fields.columnId !== undefined) throw new HiddenIdeaError(400, 'invalid_cell', 'An idea for a river stream has no grid cell: give it a "dayId".');
    if (fields.streamId !== undefined && fields.streamId !== idea.streamId) {
      throw new HiddenIdeaError(400, 'invalid_stream', 'A hidden idea stays in the stream it was written for: take it back and add it there.');
    }
    return fields.dayId === undefined ? {} : { dayId: await this.checkedDay(routeId, fields.dayId) };
  }

  /** A grid card's new cell, if asked for: a cell of its host's grid. */
  private async gridMove(routeId: string, idea: HiddenIdea, fields: IdeaChange): Promise<HiddenIdeaChanges> {
    if (fields.streamId !== undefined || fields.dayId !== undefined) throw new HiddenIdeaError(400, 'invalid_cell', 'A grid card has no river day: give it a "rowId" and a "columnId".');
    if (fields.rowId === undefined && fields.columnId === undefined) return {};
    const { rowId = idea.rowId, columnId = idea.columnId } = fields;
    const place = await this.placeOf(routeId, { hostId: idea.hostId, groupId: idea.groupId, rowId, columnId, text: '' });
    return { rowId: place.rowId, columnId: place.columnId };
  }

  private async checkedDay(routeId: string, dayId: unknown): Promise<string> {
    const known = typeof dayId === 'string' && (await this.withSetup(routeId, (setup) => setup.read('days').some((day) => day.id === dayId)));
    if (!known) throw new HiddenIdeaError(400, 'invalid_day', '"dayId" must name a day of the route.');
    return dayId as string;
  }

  async list(routeId: string, viewer: IdeaViewer): Promise<HiddenIdea[]> {
    const all = await this.registry.withRoom(serverDocName(routeId), (room) => new HiddenIdeasDoc(room.doc).all());
    return viewer.facilitator ? all : all.filter((idea) => idea.authorId === viewer.personId);
  }

  async remove(routeId: string, ideaId: string, viewer: IdeaViewer): Promise<void> {
    const idea = await this.registry.withRoom(serverDocName(routeId), (room) => ownIdea(new HiddenIdeasDoc(room.doc), ideaId, viewer));
    await this.withCount(routeId, idea.target, idea.authorId, (ideas) => {
      // Asked again: it may have been revealed or taken back meanwhile.
      ownIdea(ideas, ideaId, viewer);
      ideas.remove(ideaId);
    });
  }

  /**
   * Whether a photo is kept from this viewer: it is on a waiting idea that is neither theirs nor a
   * facilitator's to see. A photo on a card of the boards stays everyone's, whoever puts its id on an idea
   * (else a participant could hide others' photos by naming them on an idea of their own).
   */
  async hidesPhoto(routeId: string, photoId: string, viewer: IdeaViewer): Promise<boolean> {
    if (viewer.facilitator) return false;
    const holders = await this.registry.withRoom(serverDocName(routeId), (room) => new HiddenIdeasDoc(room.doc).withPhoto(photoId));
    if (holders.length === 0 || holders.some((idea) => idea.authorId === viewer.personId)) return false;
    return !(await this.isOnABoard(routeId, photoId));
  }

  /** Whether a card of the route's river, grids or Experience Fair carries the photo. */
  private async isOnABoard(routeId: string, photoId: string): Promise<boolean> {
    const hosts = await this.withSetup(routeId, (setup) => setup.read('hosts').map((host) => host.id));
    const carries = (cards: Array<{ photos: string[] }>) => cards.some((card) => card.photos.includes(photoId));
    if (await this.registry.withRoom(riverDocName(routeId), (room) => carries(new RiverDoc(room.doc).cards()))) return true;
    for (const name of [...hosts.map((hostId) => caseDocName(routeId, hostId)), experienceDocName(routeId)]) {
      if (await this.registry.withRoom(name, (room) => carries(new CaseDoc(room.doc).cards()))) return true;
    }
    return false;
  }

  /** `id` for an idea put back: well formed, and neither a waiting idea's nor a card's on its board. */
  private async freeId(routeId: string, place: { target: LockTarget; hostId: string }, id: unknown): Promise<string> {
    if (typeof id !== 'string' || !ideaIdPattern.test(id)) throw new HiddenIdeaError(400, 'invalid_id', '"id" must be the id of an idea of yours that you took back.');
    const onBoard = place.hostId === ''
      ? await this.registry.withRoom(riverDocName(routeId), (room) => new RiverDoc(room.doc).card(id) !== null)
      : await this.registry.withRoom(caseDocName(routeId, place.hostId), (room) => new CaseDoc(room.doc).card(id) !== null);
    if (onBoard) throw idTaken();
    return id;
  }

  /** Where an idea goes, checked against the route's setup (and the host's grid template). */
  private async placeOf(routeId: string, fields: IdeaFields): Promise<Omit<HiddenIdea, 'id' | 'text' | 'color' | 'photos' | 'author' | 'authorId' | 'createdAt'>> {
    const { streamId, dayId, hostId, groupId, rowId, columnId } = fields;
    const empty = { streamId: '', dayId: '', hostId: '', groupId: '', rowId: '', columnId: '' };
    if (hostId === undefined) {
      if (typeof streamId !== 'string') throw new HiddenIdeaError(400, 'invalid_stream', '"streamId" must name a stream of the river.');
      return { ...empty, target: boardTarget.stream(streamId), streamId, dayId: await this.checkedDay(routeId, dayId) };
    }
    const strings = [hostId, groupId, rowId, columnId];
    if (!strings.every((value) => typeof value === 'string')) {
      throw new HiddenIdeaError(400, 'invalid_cell', '"hostId", "groupId", "rowId" and "columnId" must name a host, a working group and a cell of its grid.');
    }
    const [host, group, row, column] = strings as string[];
    const problem = await this.withSetup(routeId, (setup, doc) => {
      if (!setup.read('hosts').some((each) => each.id === host)) return 'This route has no such host.';
      if (!setup.read('groups').some((each) => each.id === group)) return 'This route has no such working group.';
      const template = new CaseTemplates(doc).forHost(host!);
      if (!template.rows.some((each) => each.id === row) || !template.columns.some((each) => each.id === column)) return "This host's grid has no such cell.";
      return null;
    });
    if (problem !== null) throw new HiddenIdeaError(400, 'invalid_cell', problem);
    return { ...empty, target: boardTarget.case(host!), hostId: host!, groupId: group!, rowId: row!, columnId: column! };
  }

  private withSetup<T>(routeId: string, look: (setup: RouteDoc, doc: Y.Doc) => T): Promise<T> {
    return this.registry.withRoom(routeDocName(routeId), (room) => look(new RouteDoc(room.doc), room.doc));
  }

  /**
   * Puts the target's ideas on its board as cards, takes them off the hidden list and ends the hidden
   * brainstorm, in one commit: if it cannot be stored, no card is on the board and every idea still waits.
   * Revealed, the board takes participants' cards again: those refused meanwhile are resent (A3).
   */
  private async reveal(routeId: string, target: LockTarget, hostId: string | null): Promise<{ hidden: string[]; revealed: number }> {
    const board = hostId === null ? riverDocName(routeId) : caseDocName(routeId, hostId);
    return this.control.changeWith(
      routeId,
      [serverDocName(routeId), board],
      (control, [server, boardRoom]) => {
        const hidden = new HiddenIdeasDoc(server!.doc);
        const ideas = hidden.inTarget(target);
        const onBoard = hostId === null ? new RiverDoc(boardRoom!.doc) : new CaseDoc(boardRoom!.doc);
        boardRoom!.doc.transact(() => {
          for (const idea of ideas) {
            // Given again after a reveal that was stored only in part (older servers): nothing twice.
            if (onBoard.card(idea.id) !== null) continue;
            const { id, text, color, photos, author, authorId } = idea;
            if (onBoard instanceof RiverDoc) onBoard.addCard({ id, text, color, photos, author, authorId, streamId: idea.streamId, dayId: idea.dayId }, idea.createdAt);
            else onBoard.addCard({ id, text, color, photos, author, authorId, groupId: idea.groupId, rowId: idea.rowId, columnId: idea.columnId }, idea.createdAt);
          }
        });
        server!.doc.transact(() => ideas.forEach((idea) => hidden.remove(idea.id)));
        control.setHidden(target, false);
        control.setHiddenCount(target, 0);
        control.forgetHiddenChanges(target);
        return { hidden: control.hiddenTargets(), revealed: ideas.length };
      },
      { widensRights: true },
    );
  }

  /**
   * Changes the hidden list with `edit` and, with it, what the room sees of the target's waiting ideas (how
   * many, how many changes of the author's), in one commit, stored before the caller answers (or ChangeNotStored, nothing
   * changed). Pages that show some of the ideas read them again when their author's count grows.
   */
  private async withCount(routeId: string, target: LockTarget, authorId: string, edit: (ideas: HiddenIdeasDoc) => void): Promise<void> {
    await this.control.changeWith(routeId, [serverDocName(routeId)], (control, [server]) => {
      const ideas = new HiddenIdeasDoc(server!.doc);
      server!.doc.transact(() => edit(ideas));
      control.setHiddenCount(target, ideas.inTarget(target).length);
      control.countHiddenChange(target, authorId);
    });
  }
}

/** An idea the viewer may change or take back. Someone else's answers as missing: its existence is not theirs to learn. */
function ownIdea(ideas: HiddenIdeasDoc, ideaId: string, viewer: IdeaViewer): HiddenIdea {
  const idea = ideas.idea(ideaId);
  if (idea === null || (!viewer.facilitator && idea.authorId !== viewer.personId)) throw new HiddenIdeaError(404, 'idea_not_found', 'There is no such idea of yours.');
  return idea;
}

/** The host of a case grid's target, or null for a river stream's. */
function hostOf(target: LockTarget): string | null {
  return target.startsWith('case/') ? target.slice('case/'.length) : null;
}
