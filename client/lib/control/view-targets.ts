import type { ViewTarget } from '../../../shared/schema/control.ts';
import type { Page } from '../routing/pages.ts';

/**
 * Which page of the app shows a view target, and back: follow me takes participants to the page of the
 * facilitator's view, and a facilitator's page is the view follow me shares. Parts (a day, a grid row, a
 * plan section) travel with the target for the room screen; a participant's page opens at the board.
 */
/** A host's comparison, whole (`compare`) or one row of it (`compare:<rowId>`). */
export const isComparison = (part: string): boolean => part === 'compare' || part.startsWith('compare:');

export function pageOfView(routeId: string, view: ViewTarget): Page | null {
  if (view.board === 'river') return { name: 'river', routeId };
  if (view.board === 'setup') return { name: 'setup', routeId };
  if (view.board === 'experience') return { name: 'experience', routeId };
  if (view.board === 'case' && view.id !== '') return { name: isComparison(view.part) ? 'compare' : 'cases', routeId, hostId: view.id };
  if (view.board === 'plan') return view.id === '' ? { name: 'plans', routeId } : { name: 'plan', routeId, teamId: view.id };
  return null;
}

export function viewOfPage(page: Page): ViewTarget | null {
  switch (page.name) {
    case 'river':
      return { board: 'river', id: '', part: '' };
    case 'setup':
      return { board: 'setup', id: '', part: '' };
    case 'experience':
      return { board: 'experience', id: '', part: '' };
    case 'cases':
      return { board: 'case', id: page.hostId, part: '' };
    case 'compare':
      return { board: 'case', id: page.hostId, part: 'compare' };
    case 'plans':
      return { board: 'plan', id: '', part: '' };
    case 'plan':
      return { board: 'plan', id: page.teamId, part: '' };
    default:
      return null;
  }
}

export function sameView(a: ViewTarget, b: ViewTarget): boolean {
  return a.board === b.board && a.id === b.id && a.part === b.part;
}
