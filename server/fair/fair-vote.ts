import { controlDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { countVotes, defaultVoteRules, FairBallotBox, FairBoard, ballotSize, type Ballot, type PublicVote, type TallyLine, type VoteConfig, type VoteRules } from '../../shared/schema/fair.ts';
import { peopleRoots } from '../../shared/schema/people.ts';
import type * as Y from 'yjs';
import type { Decisions } from '../docs/decisions.ts';
import { remoteOrigin } from '../docs/room.ts';
import type { Registry } from '../docs/registry.ts';
import { ActionRefused, checkBallot } from './ballot-rules.ts';

/** Who is on the route now: removed people's ballots stop counting. */
export interface Voters {
  teamOf(routeId: string, personId: string): string | null | undefined;
}

/** The full picture of a vote, for facilitators: the tally even while the room does not see it. */
export interface VoteState extends PublicVote {
  tally: TallyLine[];
}

/**
 * The Innovation Plan Fair vote of each route: every decision is taken here, against the route's server
 * document (kept loaded), one at a time across instances (Decisions), so two requests never both pass a
 * check the other would fail, on this instance or another.
 * Each change is stored before it is answered, then projected into the control document for the room;
 * ballots arriving from another instance are projected the same way, by whichever instance observes them.
 */
export class FairVotes {
  private readonly boxes = new Map<string, Promise<FairBallotBox>>();
  /** Per route: the projection running now, and whether another must follow it. */
  private readonly projecting = new Map<string, { running: Promise<void>; again: boolean }>();

  constructor(
    private readonly registry: Registry,
    private readonly voters: Voters,
    private readonly decisions: Decisions,
    private readonly now: () => number = Date.now,
  ) {}

  /** One change to a route's vote, taken alone across instances against the stored vote (see Decisions). */
  private async decide<T>(routeId: string, change: (box: FairBallotBox) => Promise<T>): Promise<T> {
    const box = await this.box(routeId);
    return this.decisions.take(serverDocName(routeId), () => change(box));
  }

  private box(routeId: string): Promise<FairBallotBox> {
    let box = this.boxes.get(routeId);
    if (box === undefined) {
      box = this.registry.keepLoaded(serverDocName(routeId)).then((room) => {
        const opened = new FairBallotBox(room.doc);
        // Forgotten after a failed commit: the next action, and the next projection, read the stored vote again.
        room.doc.once('destroy', () => {
          if (this.boxes.get(routeId) === box) this.boxes.delete(routeId);
        });
        // What another instance stored is the room's to see now; a change made here only once it is stored
        // (its observers run before the room even asked for the commit), and after a failed commit the
        // room's view is drawn again from what is stored, so nothing of a lost change reaches it.
        const changed = (_: unknown, transaction: Y.Transaction): void => {
          if (transaction.origin === remoteOrigin) return void this.project(routeId);
          queueMicrotask(() => void this.registry.stored().catch(() => undefined).then(() => this.project(routeId)));
        };
        opened.voteMap.observe(changed);
        opened.ballotMap.observe(changed);
        // A person removed (or moved to another team) changes what counts.
        room.doc.getMap(peopleRoots.people).observeDeep(changed);
        return opened;
      });
      box.catch(() => this.boxes.delete(routeId));
      this.boxes.set(routeId, box);
    }
    return box;
  }

  async state(routeId: string): Promise<VoteState> {
    return this.stateOf(routeId, await this.box(routeId));
  }

  /** The voter's team now (their own plan, which they may not vote for by default). */
  teamOf(routeId: string, personId: string): string | null | undefined {
    return this.voters.teamOf(routeId, personId);
  }

  async ballotOf(routeId: string, personId: string): Promise<Ballot | null> {
    return (await this.box(routeId)).ballot(personId);
  }

  /** Replaces the person's whole ballot, or changes it by `change` votes for one plan. */
  async cast(routeId: string, personId: string, ask: { votes: unknown } | { teamId: string; change: number }): Promise<Ballot> {
    return this.decide(routeId, async (box) => {
      const teamId = this.voters.teamOf(routeId, personId);
      if (teamId === undefined) throw new ActionRefused({ status: 403, error: 'not_a_participant', message: 'You are no longer on this route, so you cannot vote.' });
      let votes: unknown;
      if ('votes' in ask) votes = ask.votes;
      else {
        const current = box.ballot(personId)?.votes ?? {};
        votes = { ...current, [ask.teamId]: Math.max(0, (current[ask.teamId] ?? 0) + ask.change) };
      }
      const checked = checkBallot(box.config(), votes, teamId);
      if (!checked.ok) throw new ActionRefused(checked.refusal);
      const ballot: Ballot = { votes: checked.value, at: this.now() };
      box.setBallot(personId, ballot);
      await this.settle(routeId);
      return ballot;
    });
  }

  async openVote(routeId: string, rules: VoteRules | null, tallyHidden: boolean): Promise<VoteState> {
    return this.decide(routeId, async (box) => {
      const { status } = box.config();
      if (status === 'open') throw new ActionRefused({ status: 409, error: 'vote_open', message: 'The vote is already open.' });
      if (status === 'published') {
        throw new ActionRefused({ status: 409, error: 'vote_published', message: 'The result is published. Start a new vote to vote again.' });
      }
      // Reopening a closed vote keeps its rules, so that no ballot already given breaks them.
      if (status === 'idle' && rules === null) throw new ActionRefused({ status: 400, error: 'invalid_plans', message: 'Choose at least one plan for the vote.' });
      box.doc.transact(() => {
        box.setConfig({ ...(status === 'idle' && rules !== null ? rules : {}), status: 'open', tallyHidden, openedAt: this.now(), closedAt: 0 });
        box.setFinalTally(null);
      });
      await this.settle(routeId);
      return this.stateOf(routeId, box);
    });
  }

  async closeVote(routeId: string): Promise<VoteState> {
    return this.decide(routeId, async (box) => {
      if (box.config().status !== 'open') throw new ActionRefused({ status: 409, error: 'vote_not_open', message: 'The vote is not open.' });
      box.doc.transact(() => {
        box.setFinalTally(this.liveTally(routeId, box));
        box.setConfig({ status: 'closed', closedAt: this.now() });
      });
      await this.settle(routeId);
      return this.stateOf(routeId, box);
    });
  }

  async publish(routeId: string): Promise<VoteState> {
    return this.decide(routeId, async (box) => {
      const { status } = box.config();
      if (status === 'published') throw new ActionRefused({ status: 409, error: 'vote_published', message: 'The result is already published.' });
      if (status !== 'closed') throw new ActionRefused({ status: 409, error: 'vote_not_closed', message: 'Close the vote before publishing its result.' });
      box.setConfig({ status: 'published' });
      await this.settle(routeId);
      return this.stateOf(routeId, box);
    });
  }

  async setTallyHidden(routeId: string, hidden: boolean): Promise<VoteState> {
    return this.decide(routeId, async (box) => {
      box.setConfig({ tallyHidden: hidden });
      await this.settle(routeId);
      return this.stateOf(routeId, box);
    });
  }

  /** Clears the ballots and the result, so the facilitator can run the vote again (never while it is open). */
  async reset(routeId: string): Promise<VoteState> {
    return this.decide(routeId, async (box) => {
      if (box.config().status === 'open') throw new ActionRefused({ status: 409, error: 'vote_open', message: 'Close the vote before starting a new one.' });
      box.doc.transact(() => {
        box.ballotMap.clear();
        box.setFinalTally(null);
        box.setConfig({ ...defaultVoteRules, plans: [], status: 'idle', tallyHidden: false, openedAt: 0, closedAt: 0 });
      });
      await this.settle(routeId);
      return this.stateOf(routeId, box);
    });
  }

  /** The published result's fair points per plan (team id), or null before publication. */
  async fairPoints(routeId: string): Promise<Record<string, number> | null> {
    const box = await this.box(routeId);
    if (box.config().status !== 'published') return null;
    return Object.fromEntries((box.finalTally() ?? []).map((line) => [line.teamId, line.points]));
  }

  /** The counted ballots, person by person, for the CSV export: the vote's record of who gave what. */
  async ballots(routeId: string): Promise<Array<{ personId: string; ballot: Ballot }>> {
    return (await this.box(routeId)).ballots().filter(({ personId }) => this.voters.teamOf(routeId, personId) !== undefined);
  }

  private liveTally(routeId: string, box: FairBallotBox, config: VoteConfig = box.config()): TallyLine[] {
    const counted = box.ballots().filter(({ personId }) => this.voters.teamOf(routeId, personId) !== undefined);
    return countVotes(config.plans, counted.map(({ ballot }) => ballot), config.points);
  }

  private stateOf(routeId: string, box: FairBallotBox): VoteState {
    const config = box.config();
    const counted = box.ballots().filter(({ personId, ballot }) => ballotSize(ballot) > 0 && this.voters.teamOf(routeId, personId) !== undefined);
    const tally = config.status === 'open' || config.status === 'idle' ? this.liveTally(routeId, box, config) : (box.finalTally() ?? []);
    const { plans, votesPerPerson, maxPerPlan, allowOwnTeam, points, status, tallyHidden } = config;
    return {
      plans, votesPerPerson, maxPerPlan, allowOwnTeam, points, status, tallyHidden, tally,
      voters: counted.length,
      votesCast: tally.reduce((sum, line) => sum + line.votes, 0),
    };
  }

  /** What the room sees: the tally unless hidden while the vote runs; from the close on, always. */
  private publicOf(state: VoteState): PublicVote {
    const hidden = state.tallyHidden && (state.status === 'open' || state.status === 'idle');
    return { ...state, tally: hidden ? null : state.tally };
  }

  /**
   * Stores the server document's change, then lets the room see it, before the action answers; a change
   * that could not be stored throws (ChangeNotStored) and is not projected (the observers draw the room's
   * view again from what is stored).
   */
  private async settle(routeId: string): Promise<void> {
    await this.registry.stored();
    await this.project(routeId);
  }

  /**
   * Writes the public half from the server's half, once what it reads is stored (a change whose commit
   * fails is forgotten with its document, and the box read here is then the stored one); runs again if
   * something changed meanwhile.
   */
  private project(routeId: string): Promise<void> {
    const current = this.projecting.get(routeId);
    if (current !== undefined) {
      current.again = true;
      return current.running;
    }
    const entry = { running: Promise.resolve(), again: false };
    entry.running = (async () => {
      do {
        entry.again = false;
        await this.registry.flush();
        const box = await this.box(routeId);
        const vote = this.publicOf(this.stateOf(routeId, box));
        await this.registry.withRoom(controlDocName(routeId), (room) => new FairBoard(room.doc).write(vote));
      } while (entry.again);
      await this.registry.flush();
    })().finally(() => this.projecting.delete(routeId));
    this.projecting.set(routeId, entry);
    return entry.running;
  }
}
