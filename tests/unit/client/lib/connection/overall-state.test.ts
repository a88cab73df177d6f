import { expect, test } from 'vitest';
import { overallState } from '../../../../../client/lib/connection/overall-state.ts';

test('a page is as connected as its least connected document', () => {
  expect(overallState([])).toEqual({ status: 'connected' });
  expect(overallState([{ status: 'connected' }, { status: 'reconnecting' }])).toEqual({ status: 'reconnecting' });
  expect(overallState([{ status: 'offline' }, { status: 'connecting' }])).toEqual({ status: 'offline' });
  expect(overallState([{ status: 'offline' }, { status: 'refused', message: 'no' }])).toEqual({ status: 'refused', message: 'no' });
});
