const storageKey = 'tributary.leading';

/**
 * Whether this browser started "follow me" on a route: its facilitator's pages then tell the server
 * where they are, so everyone follows along. Another facilitator's browser only watches, so two of them
 * never pull the room back and forth.
 */
export function isLeading(routeId: string): boolean {
  return localStorage.getItem(storageKey) === routeId;
}

export function setLeading(routeId: string, leading: boolean): void {
  if (leading) localStorage.setItem(storageKey, routeId);
  else if (isLeading(routeId)) localStorage.removeItem(storageKey);
}
