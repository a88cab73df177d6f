/**
 * The contest committee's rubric (the contest guidelines in `shared/domain/learning-routes.md`): three
 * criteria, each scored as a whole with its questions as guidance and a comment; 26 points in all. The
 * questions' wording lives in the client's catalogs, in each reader's language.
 */
export const rubric = [
  { id: 'innovation', max: 13, questions: ['a', 'b', 'c', 'd', 'e'] },
  { id: 'complementarities', max: 5, questions: ['a', 'b'] },
  { id: 'clarity', max: 8, questions: ['a', 'b', 'c', 'd', 'e'] },
] as const;

export type CriterionId = (typeof rubric)[number]['id'];
export const criterionIds: readonly CriterionId[] = rubric.map((criterion) => criterion.id);
export const rubricTotal = rubric.reduce((sum, criterion) => sum + criterion.max, 0);

/** Scores go in half points: committees weigh a plan between two marks often enough. */
export const scoreStep = 0.5;
export const maxCommentLength = 4000;
