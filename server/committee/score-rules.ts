import { maxCommentLength, rubric, scoreStep, type CriterionId } from '../../shared/schema/fair-rubric.ts';
import type { Checked } from '../fair/ballot-rules.ts';

export interface SheetInput {
  scores: Record<CriterionId, number | null>;
  comments: Record<CriterionId, string>;
  submitted: boolean;
}

const refuse = (error: string, message: string): { ok: false; refusal: { status: 400; error: string; message: string } } => ({
  ok: false,
  refusal: { status: 400, error, message },
});

/**
 * A member's scores of one plan as sent, checked against the rubric: each criterion from 0 to its maximum in
 * half points, or empty while a draft; a submitted sheet scores every criterion. Pure.
 */
export function checkSheet(body: Record<string, unknown>): Checked<SheetInput> {
  const scores = body.scores ?? {};
  const comments = body.comments ?? {};
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) return refuse('invalid_scores', 'Send the scores as an object of criterion → points.');
  if (typeof comments !== 'object' || comments === null || Array.isArray(comments)) return refuse('invalid_comments', 'Send the comments as an object of criterion → text.');
  if (body.submit !== undefined && typeof body.submit !== 'boolean') return refuse('invalid_submit', '"submit" must be true or false.');
  const sheet: SheetInput = { scores: {} as SheetInput['scores'], comments: {} as SheetInput['comments'], submitted: body.submit === true };
  for (const { id, max } of rubric) {
    const score = (scores as Record<string, unknown>)[id] ?? null;
    if (score !== null && (typeof score !== 'number' || score < 0 || score > max || !Number.isInteger(score / scoreStep))) {
      return refuse('invalid_score', `The score for ${id} is from 0 to ${max}, in half points.`);
    }
    if (score === null && sheet.submitted) return refuse('score_missing', 'Give a score for every criterion before submitting.');
    sheet.scores[id] = score;
    const comment = (comments as Record<string, unknown>)[id] ?? '';
    if (typeof comment !== 'string' || comment.length > maxCommentLength) {
      return refuse('invalid_comment', `A comment is text of at most ${maxCommentLength} characters.`);
    }
    sheet.comments[id] = comment;
  }
  const unknown = Object.keys(scores).find((key) => !rubric.some((criterion) => criterion.id === key));
  if (unknown !== undefined) return refuse('invalid_criterion', 'The rubric has no such criterion.');
  return { ok: true, value: sheet };
}
