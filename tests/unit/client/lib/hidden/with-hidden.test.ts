import { describe, expect, it } from 'vitest';
import { hiddenCardOf, withHidden } from '../../../../../client/lib/hidden/with-hidden.ts';
import type { HiddenIdea } from '../../../../../shared/schema/hidden-ideas.ts';

describe('withHidden', () => {
  it('puts the hidden cards after the shared ones, and a card in both (a reveal arriving) once', () => {
    const shared = [{ id: 'a' }, { id: 'b' }];
    expect(withHidden(shared, [{ id: 'c' }, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(withHidden(shared, [])).toBe(shared);
  });

  it('orders a hidden card after every card of its cell, the earlier written first', () => {
    const idea = (id: string, createdAt: number) => ({ id, text: id, author: 'Ana', authorId: 'p1', color: '#fff4b8', photos: [], createdAt }) as unknown as HiddenIdea;
    const [early, late] = [hiddenCardOf(idea('x', 1_700_000_000_000)), hiddenCardOf(idea('y', 1_700_000_000_500))];
    expect(early.order).toBeGreaterThan(1e8);
    expect(early.order).toBeLessThan(late.order);
    expect(early).toMatchObject({ id: 'x', editedAt: 1_700_000_000_000 });
  });
});
