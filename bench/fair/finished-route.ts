import * as Y from 'yjs';
import { caseDocName, planDocName, riverDocName, routeDocName } from '../../shared/schema/doc-kinds.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type { Storage } from '../../server/persistence/storage.ts';
import { fillGrids } from '../grids/grids-fixture.ts';
import { fillRiver } from '../river/river-fixture.ts';
import { fillPlanText } from '../plans/long-plan.ts';

/** Issue 15's finished route: the demo route filled to these sizes. */
export const finishedRoute = { riverCards: 2000, hosts: 3, groups: 5, gridCards: 600, plans: 5, planWords: 15_000, photos: 50 } as const;

/**
 * Writes the route's content straight into a stopped server's storage, each document's edits appended as
 * one update on top of what is stored (the demo's seed), as if people had written it over five days:
 * river cards to `riverCards` (the first `photoIds.length` of the new ones each carry a photo), two more
 * groups so that each host's grid has five, `gridCards` grid cards over the hosts, and every team's plan
 * to `planWords` words spread over its sections.
 */
export async function fillFinishedRoute(storage: Storage, routeId: string, photoIds: string[], now: number): Promise<void> {
  const edit = async (docName: string, change: (doc: Y.Doc) => void): Promise<void> => {
    const doc = new Y.Doc();
    for (const update of (await storage.load(docName)).updates) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    change(doc);
    await storage.append([{ docName, updates: [Y.encodeStateAsUpdate(doc, before)] }]);
    doc.destroy();
  };
  let hostIds: string[] = [];
  let teamIds: string[] = [];
  let dayIds: string[] = [];
  await edit(routeDocName(routeId), (doc) => {
    const route = new RouteDoc(doc);
    const groups = route.read('groups');
    for (let i = groups.length; i < finishedRoute.groups; i++) route.add('groups', { id: `g${i + 1}`, name: `Group ${i + 1}` });
    hostIds = route.read('hosts').map((host) => host.id);
    teamIds = route.read('teams').map((team) => team.id);
    dayIds = route.read('days').map((day) => day.id);
  });
  await edit(riverDocName(routeId), (doc) => {
    const river = new RiverDoc(doc);
    const existing = new Set(river.cards().map((card) => card.id));
    fillRiver(doc, { count: finishedRoute.riverCards - existing.size, authors: 40, dayIds, seed: 15, now });
    const added = river.cards().filter((card) => !existing.has(card.id));
    doc.transact(() => photoIds.forEach((photoId, i) => river.addPhoto(added[i]!.id, photoId, now)));
  });
  for (const [i, hostId] of hostIds.entries()) {
    await edit(caseDocName(routeId, hostId), (doc) => fillGrids(doc, { cards: finishedRoute.gridCards / hostIds.length, groups: finishedRoute.groups, seed: 100 + i, now }));
  }
  for (const [i, teamId] of teamIds.entries()) {
    await edit(planDocName(routeId, teamId), (doc) => fillPlanText(doc, finishedRoute.planWords, 200 + i));
  }
}
