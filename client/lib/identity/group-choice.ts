/**
 * Which working group a person's grid pages open on. A group chosen in this tab (the picker, a link to a
 * card) lasts for the tab: the next grid it opens on that route (another host, another day) shows the same
 * group, and other tabs are not changed by it. Without one, their group: where a facilitator moved them,
 * else where their token says they joined.
 */
export interface GroupSources {
  /** Chosen in this tab, or null. */
  chosen: string | null;
  /** Where a facilitator moved them (null: to no group), or undefined when they were never moved. */
  moved: string | null | undefined;
  /** The group they joined with, as their token says, or null (a shared link, a facilitator). */
  joined: string | null;
}

/** The group to show, one of `groupIds` (the route's), or '' when the route has none. */
export function resolveGroup(sources: GroupSources, groupIds: readonly string[]): string {
  const own = sources.moved !== undefined ? sources.moved : sources.joined;
  for (const id of [sources.chosen, own]) if (id !== null && groupIds.includes(id)) return id;
  return groupIds[0] ?? '';
}

/**
 * Whether `moved` (what the control document says now) is a move this device has not seen: `known` is the
 * person's group as this device last knew it ('' for none), at first the one they joined.
 */
export function isNewMove(known: string, moved: string | null | undefined): boolean {
  return moved !== undefined && (moved ?? '') !== known;
}

const choiceKey = (routeId: string): string => `tributary.group-choice.${routeId}`;
const knownKey = (routeId: string, personId: string): string => `tributary.group.${routeId}.${personId}`;

// Private browsing may refuse storage: a choice then lasts as long as the page, a move is seen as one once.
function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // See read.
  }
}

const tab = (): Storage => sessionStorage;
const device = (): Storage => localStorage;

export const chosenGroup = (routeId: string): string | null => read(tab, choiceKey(routeId));

/** Keeps (or with null, forgets) this tab's choice. */
export const keepChoice = (routeId: string, groupId: string | null): void => write(tab, choiceKey(routeId), groupId);

/** The person's group as this device last knew it from a move ('' for none), or null before any. */
export const knownGroup = (routeId: string, personId: string): string | null => read(device, knownKey(routeId, personId));

export const rememberGroup = (routeId: string, personId: string, groupId: string | null): void => write(device, knownKey(routeId, personId), groupId ?? '');
