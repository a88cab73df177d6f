/** The app's pages and their addresses. A route's pages live under `/r/<routeId>/`. */
export type Page =
  | { name: 'home' }
  | { name: 'setup'; routeId: string }
  | { name: 'river'; routeId: string }
  /** `/r/<routeId>/experience`: the Experience Fair of day 1, each team's innovation areas as cards. */
  | { name: 'experience'; routeId: string }
  | { name: 'screen'; routeId: string }
  /** `/r/<routeId>/facilitate`: the facilitator's console (spotlight, follow me, timer, locks). */
  | { name: 'facilitate'; routeId: string }
  /** `/r/<routeId>/cases/<hostId>`: a working group's case-study grid; `…/compare`: every group's; `…/screen`: that on the room screen. */
  | { name: 'cases'; routeId: string; hostId: string }
  | { name: 'compare'; routeId: string; hostId: string }
  | { name: 'case-screen'; routeId: string; hostId: string }
  /** `/r/<routeId>/plans`: every team's plan and its progress; `…/plans/<teamId>` one plan, `…/print` its print layout. */
  | { name: 'plans'; routeId: string }
  | { name: 'plan'; routeId: string; teamId: string }
  | { name: 'plan-print'; routeId: string; teamId: string }
  /** `/r/<routeId>/vote`: the Innovation Plan Fair vote (a participant's ballot, the facilitator's controls); `…/tally` its tally for the projector. */
  | { name: 'vote'; routeId: string }
  | { name: 'tally'; routeId: string }
  /** `/r/<routeId>/committee`: the contest committee's scoring, and after publication the teams' results. */
  | { name: 'committee'; routeId: string }
  /** `/r/<routeId>/wrap-up?day=<dayId>`: the end of a day; without `day`, the end of the route. */
  | { name: 'wrap-up'; routeId: string }
  /** `/join` and `/j/<code>` (the address a QR code carries): joining a route with a code. */
  | { name: 'join'; code: string }
  | { name: 'not-found' };

type RoutePageName = Exclude<Extract<Page, { routeId: string }>['name'], 'cases' | 'compare' | 'case-screen' | 'plan' | 'plan-print'>;
const routePages: readonly RoutePageName[] = ['setup', 'river', 'experience', 'screen', 'plans', 'vote', 'tally', 'facilitate', 'committee', 'wrap-up'];

/** The same alphabet as a document name's parts, since a route id becomes part of `route/<id>`. */
const routeIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function parsePath(pathname: string): Page {
  const parts = pathname.split('/').filter((part) => part !== '');
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'join' && parts.length === 1) return { name: 'join', code: '' };
  if (parts[0] === 'j' && parts.length === 2) return { name: 'join', code: safeDecode(parts[1]!) ?? '' };
  const [prefix, rawId, pageName, ...rest] = parts;
  let routeId: string;
  try {
    routeId = decodeURIComponent(rawId ?? '');
  } catch {
    return { name: 'not-found' };
  }
  if (prefix !== 'r' || !routeIdPattern.test(routeId)) return { name: 'not-found' };
  if (pageName === 'cases') {
    const [hostId, sub, ...more] = rest;
    if (!hostId || !routeIdPattern.test(hostId) || more.length > 0 || (sub !== undefined && sub !== 'compare' && sub !== 'screen')) return { name: 'not-found' };
    return { name: sub === 'compare' ? 'compare' : sub === 'screen' ? 'case-screen' : 'cases', routeId, hostId };
  }
  if (pageName === 'plans' && rest.length > 0) {
    const [teamId, sub, ...more] = rest;
    if (!teamId || !routeIdPattern.test(teamId) || more.length > 0 || (sub !== undefined && sub !== 'print')) return { name: 'not-found' };
    return { name: sub === 'print' ? 'plan-print' : 'plan', routeId, teamId };
  }
  const page = routePages.find((name) => name === pageName);
  if (!page || rest.length > 0) return { name: 'not-found' };
  return { name: page, routeId };
}

/** The route whose page this address is, so a token arriving with it is kept for that route. */
export function routeIdOfPath(pathname: string): string | null {
  const page = parsePath(pathname);
  return 'routeId' in page ? page.routeId : null;
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function pathOf(page: Page): string {
  if (page.name === 'home' || page.name === 'not-found') return '/';
  if (page.name === 'join') return page.code ? `/j/${encodeURIComponent(page.code)}` : '/join';
  const route = `/r/${encodeURIComponent(page.routeId)}`;
  if (page.name === 'cases') return `${route}/cases/${encodeURIComponent(page.hostId)}`;
  if (page.name === 'compare') return `${route}/cases/${encodeURIComponent(page.hostId)}/compare`;
  if (page.name === 'case-screen') return `${route}/cases/${encodeURIComponent(page.hostId)}/screen`;
  if (page.name === 'plan') return `${route}/plans/${encodeURIComponent(page.teamId)}`;
  if (page.name === 'plan-print') return `${route}/plans/${encodeURIComponent(page.teamId)}/print`;
  return `${route}/${page.name}`;
}
