import type { ConnectionState } from './doc-connection.svelte.ts';

/** Worst first: a page is only as connected as the least connected of its documents. */
const severity: Array<ConnectionState['status']> = ['refused', 'offline', 'reconnecting', 'connecting', 'connected'];

/** One state for a page that holds several documents (a river needs its route's days too). */
export function overallState(states: ConnectionState[]): ConnectionState {
  let worst: ConnectionState = { status: 'connected' };
  for (const state of states) {
    if (severity.indexOf(state.status) < severity.indexOf(worst.status)) worst = state;
  }
  return worst;
}
