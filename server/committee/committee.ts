import { controlDocName, routeDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { ControlDoc } from '../../shared/schema/control.ts';
import { assessPlans, CommitteeBook, type CommitteeSettings, type CommitteeView, type PlanAssessment, type ScoreSheet } from '../../shared/schema/fair-committee.ts';
import { criterionIds } from '../../shared/schema/fair-rubric.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type { Person } from '../../shared/schema/people.ts';
import type { Decisions } from '../docs/decisions.ts';
import type { Registry } from '../docs/registry.ts';
import { ActionRefused } from '../fair/ballot-rules.ts';
import type { SheetInput } from './score-rules.ts';

/** Who asks: what they may see of the scores depends on it (see `view`). */
export type Viewer = { kind: 'facilitator' } | { kind: 'member'; id: string } | { kind: 'team'; teamId: string | null } | { kind: 'screen' };

export interface CommitteeSources {
  fairPoints(routeId: string): Promise<Record<string, number> | null>;
  people(routeId: string): Promise<Person[]>;
}

const refused = (status: 403 | 409, error: string, message: string): ActionRefused => new ActionRefused({ status, error, message });

/**
 * The contest committee's scoring of the submitted plans: each member's sheet per plan, checked and
 * stored by the server, and for every reader the part the rules let them see. Scores are the committee's
 * and the facilitators' until published; a member sees the others' scores of a plan once they submitted
 * their own (unless the facilitator turns that off); after publication each team sees its own assessment
 * with the comments, and everyone the ranking.
 */
export class Committee {
  private readonly books = new Map<string, Promise<CommitteeBook>>();

  constructor(
    private readonly registry: Registry,
    private readonly sources: CommitteeSources,
    private readonly decisions: Decisions,
    private readonly now: () => number = Date.now,
  ) {}

  private book(routeId: string): Promise<CommitteeBook> {
    let book = this.books.get(routeId);
    if (book === undefined) {
      book = this.registry.keepLoaded(serverDocName(routeId)).then((room) => {
        // Forgotten after a failed commit: the next reader reads the stored scores again.
        room.doc.once('destroy', () => {
          if (this.books.get(routeId) === book) this.books.delete(routeId);
        });
        return new CommitteeBook(room.doc);
      });
      book.catch(() => this.books.delete(routeId));
      this.books.set(routeId, book);
    }
    return book;
  }

  /** The route's teams in setup order, and those whose plan is submitted. */
  private async plans(routeId: string): Promise<{ teams: string[]; submitted: string[] }> {
    const teams = await this.registry.withRoom(routeDocName(routeId), (room) => new RouteDoc(room.doc).read('teams').map((team) => team.id));
    const submitted = await this.registry.withRoom(controlDocName(routeId), (room) => {
      const control = new ControlDoc(room.doc);
      return teams.filter((teamId) => control.planStatus(teamId) === 'submitted');
    });
    return { teams, submitted };
  }

  /** One change to the route's scores, taken alone across instances against the stored book (see Decisions). */
  private async decide<T>(routeId: string, change: (book: CommitteeBook) => Promise<T>): Promise<T> {
    const book = await this.book(routeId);
    return this.decisions.take(serverDocName(routeId), () => change(book));
  }

  /**
   * `edit` of the book, counted in the control document in the same commit, so an open committee page asks
   * for its view again; stored before it returns. One that could not be stored throws (ChangeNotStored):
   * the caller is told, nothing is kept.
   */
  private async change(routeId: string, edit: () => void): Promise<void> {
    await this.registry.changeTogether([serverDocName(routeId), controlDocName(routeId)], ([, control]) => {
      edit();
      new ControlDoc(control!.doc).countCommitteeChange();
    });
  }

  async save(routeId: string, memberId: string, teamId: string, input: SheetInput): Promise<ScoreSheet> {
    const { submitted } = await this.plans(routeId);
    // A score saved on one instance as another publishes: refused, or in the published results.
    return this.decide(routeId, async (book) => {
      if (book.settings().published) throw refused(409, 'results_published', 'The results are published: scores can no longer change.');
      if (!submitted.includes(teamId)) throw refused(409, 'plan_not_submitted', 'This plan has not been submitted yet: the committee scores final plans.');
      const sheet: ScoreSheet = { teamId, memberId, ...input, at: this.now() };
      await this.change(routeId, () => book.setSheet(sheet));
      return sheet;
    });
  }

  async setSettings(routeId: string, changes: Partial<Pick<CommitteeSettings, 'othersAfterOwn' | 'margin'>>): Promise<void> {
    await this.decide(routeId, (book) => this.change(routeId, () => book.setSettings(changes)));
  }

  async publish(routeId: string, published: boolean): Promise<void> {
    await this.decide(routeId, (book) => this.change(routeId, () => book.setSettings({ published, publishedAt: published ? this.now() : 0 })));
  }

  async view(routeId: string, viewer: Viewer): Promise<CommitteeView> {
    const [{ teams, submitted }, book, fairPoints, people] = await Promise.all([
      this.plans(routeId),
      this.book(routeId),
      this.sources.fairPoints(routeId),
      this.sources.people(routeId),
    ]);
    const settings = book.settings();
    const all = book.sheets();
    const counted = all.filter((sheet) => sheet.submitted);
    const assessments = assessPlans(submitted.filter((id) => teams.includes(id)), counted, fairPoints ?? {}, settings.margin);
    const names = Object.fromEntries(people.map((person) => [person.id, person.name]));
    const base = { published: settings.published, settings: { othersAfterOwn: settings.othersAfterOwn, margin: settings.margin }, plans: submitted, fairPoints };
    const namesOf = (sheets: ScoreSheet[]) => Object.fromEntries(sheets.map((sheet) => [sheet.memberId, names[sheet.memberId] ?? '']));

    if (viewer.kind === 'facilitator') return { ...base, members: namesOf(counted), sheets: counted, assessments };
    if (viewer.kind === 'member') {
      const own = all.filter((sheet) => sheet.memberId === viewer.id);
      const maySee = (teamId: string): boolean =>
        settings.published || !settings.othersAfterOwn || own.some((sheet) => sheet.teamId === teamId && sheet.submitted);
      const sheets = [...own, ...counted.filter((sheet) => sheet.memberId !== viewer.id && maySee(sheet.teamId))];
      return { ...base, members: namesOf(sheets), sheets, assessments: assessments.filter((plan) => maySee(plan.teamId)) };
    }
    // Teams and the room screen: nothing before publication; then the ranking, and a team its own sheets.
    if (!settings.published) return { ...base, plans: [], members: {}, sheets: [], assessments: [], fairPoints: null };
    const ownTeam = viewer.kind === 'team' ? viewer.teamId : null;
    // Other teams' plans show in the ranking by their totals; their criteria are theirs to read.
    const hiddenMeans = Object.fromEntries(criterionIds.map((id) => [id, null])) as PlanAssessment['means'];
    const ownSheets = counted.filter((sheet) => sheet.teamId === ownTeam);
    const numbered = Object.fromEntries(ownSheets.map((sheet, i) => [sheet.memberId, String(i + 1)]));
    return {
      ...base,
      members: Object.fromEntries(Object.values(numbered).map((n) => [n, n])),
      sheets: ownSheets.map((sheet) => ({ ...sheet, memberId: numbered[sheet.memberId]! })),
      assessments: assessments.map((plan) => (plan.teamId === ownTeam ? plan : { ...plan, means: hiddenMeans, disagreements: [] })),
    };
  }
}
