/**
 * The working group a person picked on a route, kept on this device: the next grid they open on that
 * route (another host, another day) opens on their group. Joining with a group picks it.
 */
const storageKey = (routeId: string): string => `tributary.group.${routeId}`;

export function rememberedGroup(routeId: string): string | null {
  try {
    return localStorage.getItem(storageKey(routeId));
  } catch {
    return null;
  }
}

export function rememberGroup(routeId: string, groupId: string): void {
  try {
    localStorage.setItem(storageKey(routeId), groupId);
  } catch {
    // Private browsing may refuse storage: the choice then lasts as long as the page.
  }
}
