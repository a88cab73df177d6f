import type * as Y from 'yjs';
import { criterionIds, type CriterionId } from './fair-rubric.ts';
import { num, type RecordValue } from './y-records.ts';

/**
 * The contest committee's scores, in the route's server document beside the people and the fair's
 * ballots (see people.ts, fair.ts): never sent to a client as they are, each reader gets what the
 * visibility rules let them see from the server's HTTP API.
 */
export const committeeRoots = {
  /** `<teamId>/<memberId>` → JSON of `ScoreSheet`: one member's scores of one plan, whole. */
  sheets: 'committeeSheets',
  /** `CommitteeSettings` fields. */
  settings: 'committeeSettings',
} as const;

export interface ScoreSheet {
  teamId: string;
  memberId: string;
  /** Per criterion, null while not scored. */
  scores: Record<CriterionId, number | null>;
  comments: Record<CriterionId, string>;
  /** Submitted sheets count; a draft is its author's alone. */
  submitted: boolean;
  at: number;
}

export interface CommitteeSettings {
  /** A member sees the others' scores of a plan only once they submitted their own for it. */
  othersAfterOwn: boolean;
  /** Members whose scores of a criterion (or total) lie further apart than this are shown as disagreeing. */
  margin: number;
  published: boolean;
  publishedAt: number;
}

export const defaultCommitteeSettings: CommitteeSettings = { othersAfterOwn: true, margin: 3, published: false, publishedAt: 0 };

/** What one reader may see of the committee's work (the server filters it per role, see server/committee). */
export interface CommitteeView {
  published: boolean;
  settings: Pick<CommitteeSettings, 'othersAfterOwn' | 'margin'>;
  /** The plans to score: those submitted. */
  plans: string[];
  /** Names of the members whose sheets are shown; a team sees them numbered, not named. */
  members: Record<string, string>;
  sheets: ScoreSheet[];
  assessments: PlanAssessment[];
  /** The fair vote's points per plan, once the vote's result is published. */
  fairPoints: Record<string, number> | null;
}

export const sheetTotal = (sheet: Pick<ScoreSheet, 'scores'>): number => criterionIds.reduce((sum, id) => sum + (sheet.scores[id] ?? 0), 0);

export class CommitteeBook {
  constructor(readonly doc: Y.Doc) {}

  get sheetMap(): Y.Map<RecordValue> {
    return this.doc.getMap(committeeRoots.sheets);
  }

  get settingsMap(): Y.Map<RecordValue> {
    return this.doc.getMap(committeeRoots.settings);
  }

  settings(): CommitteeSettings {
    const map = this.settingsMap;
    return {
      othersAfterOwn: map.get('othersAfterOwn') !== false,
      margin: num(map, 'margin', defaultCommitteeSettings.margin),
      published: map.get('published') === true,
      publishedAt: num(map, 'publishedAt'),
    };
  }

  setSettings(changes: Partial<CommitteeSettings>): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined && this.settingsMap.get(key) !== value) this.settingsMap.set(key, value as RecordValue);
    }
  }

  sheet(teamId: string, memberId: string): ScoreSheet | null {
    const value = this.sheetMap.get(`${teamId}/${memberId}`);
    if (typeof value !== 'string') return null;
    try {
      return JSON.parse(value) as ScoreSheet;
    } catch {
      return null;
    }
  }

  sheets(): ScoreSheet[] {
    return [...this.sheetMap.keys()].flatMap((key) => {
      const [teamId, memberId] = key.split('/');
      const sheet = teamId && memberId ? this.sheet(teamId, memberId) : null;
      return sheet === null ? [] : [sheet];
    });
  }

  setSheet(sheet: ScoreSheet): void {
    this.sheetMap.set(`${sheet.teamId}/${sheet.memberId}`, JSON.stringify(sheet));
  }
}

/** One plan's assessment: the submitted sheets' means per criterion and in total, the fair points, the final score. */
export interface PlanAssessment {
  teamId: string;
  sheets: number;
  means: Record<CriterionId, number | null>;
  meanTotal: number | null;
  fairPoints: number;
  /** Mean total plus fair points; null while no member has submitted. */
  final: number | null;
  /** Criteria (and `total`) whose scores lie further apart than the margin. */
  disagreements: Array<CriterionId | 'total'>;
  /** 1 for the best final score; equal scores share a place; null while unscored. */
  place: number | null;
}

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const spread = (values: number[]): number => (values.length < 2 ? 0 : Math.max(...values) - Math.min(...values));

/**
 * Assesses every plan from the submitted sheets: means, disagreements beyond `margin`, final score with the
 * fair points, and places. Equal final scores share the better place (1, 2, 2, 4), as the fair's do.
 */
export function assessPlans(teamIds: string[], sheets: ScoreSheet[], fairPoints: Record<string, number>, margin: number): PlanAssessment[] {
  const assessed = teamIds.map((teamId): Omit<PlanAssessment, 'place'> => {
    const counted = sheets.filter((sheet) => sheet.teamId === teamId && sheet.submitted);
    const means = Object.fromEntries(
      criterionIds.map((id) => [id, mean(counted.flatMap((sheet) => (sheet.scores[id] === null ? [] : [sheet.scores[id]!])))]),
    ) as Record<CriterionId, number | null>;
    const totals = counted.map(sheetTotal);
    const meanTotal = mean(totals);
    const points = fairPoints[teamId] ?? 0;
    const disagreements: PlanAssessment['disagreements'] = criterionIds.filter(
      (id) => spread(counted.flatMap((sheet) => (sheet.scores[id] === null ? [] : [sheet.scores[id]!]))) > margin,
    );
    if (spread(totals) > margin) disagreements.push('total');
    return { teamId, sheets: counted.length, means, meanTotal, fairPoints: points, final: meanTotal === null ? null : meanTotal + points, disagreements };
  });
  return assessed
    .map((plan) => ({
      ...plan,
      place: plan.final === null ? null : 1 + assessed.filter((other) => other.final !== null && other.final > plan.final! + 1e-9).length,
    }))
    .sort((a, b) => (a.place ?? Infinity) - (b.place ?? Infinity) || teamIds.indexOf(a.teamId) - teamIds.indexOf(b.teamId));
}
