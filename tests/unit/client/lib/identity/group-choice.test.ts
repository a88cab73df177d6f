import { describe, expect, it } from 'vitest';
import { isNewMove, resolveGroup } from '../../../../../client/lib/identity/group-choice.ts';

const groups = ['g1', 'g2', 'g3'];

describe('the group a grid page opens on', () => {
  it('is the one chosen in this tab, over where the person was moved and where they joined', () => {
    expect(resolveGroup({ chosen: 'g3', moved: 'g2', joined: 'g1' }, groups)).toBe('g3');
    expect(resolveGroup({ chosen: 'g3', moved: undefined, joined: 'g1' }, groups)).toBe('g3');
  });

  it('without a choice, is where a facilitator moved them, else where their token says they joined', () => {
    expect(resolveGroup({ chosen: null, moved: 'g2', joined: 'g1' }, groups)).toBe('g2');
    expect(resolveGroup({ chosen: null, moved: undefined, joined: 'g1' }, groups)).toBe('g1');
  });

  it('is the route’s first group when none of those is one of its groups', () => {
    // Moved to no group: the group joined with no longer counts.
    expect(resolveGroup({ chosen: null, moved: null, joined: 'g2' }, groups)).toBe('g1');
    // A group the facilitator removed from the setup, a shared link that names nobody.
    expect(resolveGroup({ chosen: 'gone', moved: 'gone', joined: null }, groups)).toBe('g1');
    expect(resolveGroup({ chosen: null, moved: undefined, joined: null }, groups)).toBe('g1');
    expect(resolveGroup({ chosen: 'g1', moved: undefined, joined: null }, [])).toBe('');
  });
});

describe('a move the device has not seen', () => {
  it('is a group told in the control document other than the one this device last knew', () => {
    expect(isNewMove('g1', 'g2')).toBe(true);
    expect(isNewMove('g1', null)).toBe(true);
    expect(isNewMove('', 'g2')).toBe(true);
    expect(isNewMove('g2', 'g2')).toBe(false);
    expect(isNewMove('', null)).toBe(false);
  });

  it('is none while nothing was told', () => {
    expect(isNewMove('g1', undefined)).toBe(false);
    expect(isNewMove('', undefined)).toBe(false);
  });
});
