import type { Registry } from '../docs/registry.ts';
import type { Storage } from '../persistence/storage.ts';
import { caseDocName, planDocName, riverDocName, routeDocName } from '../../shared/schema/doc-kinds.ts';
import { CaseDoc, CaseTemplates } from '../../shared/schema/case.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { writeRoute } from '../../shared/schema/route.ts';
import { laos2013, laos2013Cards, laos2013GridCards, laos2013Id } from './laos-2013.ts';

/**
 * On first start with an empty data folder, seeds the Laos 2013 route so a fresh `npm start` shows a real
 * river, a grid per host with a few cards, and each team's plan started from the contest template. Returns the id of the route it seeded, or null when the data
 * folder already held documents.
 */
export async function seedDemoRoute(storage: Storage, registry: Registry, now: number): Promise<string | null> {
  if ((await storage.listDocNames('')).length > 0) return null;
  await registry.withRoom(routeDocName(laos2013Id), (room) =>
    room.doc.transact(() => {
      writeRoute(room.doc, laos2013);
      new CaseTemplates(room.doc).apply('route', 'ppp');
    }),
  );
  await registry.withRoom(riverDocName(laos2013Id), (room) => {
    const river = new RiverDoc(room.doc);
    room.doc.transact(() => {
      river.ensureStreams();
      laos2013Cards.forEach(([streamId, dayId, author, text], index) => {
        river.addCard({ streamId, dayId, author, authorId: `demo-${author.toLowerCase()}`, text }, now + index);
      });
    });
  });
  for (const host of laos2013.hosts) {
    await registry.withRoom(caseDocName(laos2013Id, host.id), (room) => {
      const grid = new CaseDoc(room.doc);
      room.doc.transact(() => {
        laos2013GridCards
          .filter(([hostId]) => hostId === host.id)
          .forEach(([, groupId, rowId, columnId, author, text], index) => {
            grid.addCard({ groupId, rowId, columnId, author, authorId: `demo-${author.toLowerCase()}`, text }, now + index);
          });
      });
    });
  }
  for (const team of laos2013.teams) {
    await registry.withRoom(planDocName(laos2013Id, team.id), (room) => {
      new PlanDoc(room.doc).startFromTemplate({ title: team.planTitle, teamId: team.id }, now);
    });
  }
  await registry.flush();
  return laos2013Id;
}
