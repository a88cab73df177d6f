import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RouteDoc, writeRoute } from '../../../../shared/schema/route.ts';
import { parseRouteDocName, riverDocName, routeDocName } from '../../../../shared/schema/doc-kinds.ts';
import { laos2013 } from '../../../../server/learning-routes/laos-2013.ts';

describe('RouteDoc', () => {
  it('writes and reads back a whole route', () => {
    const doc = new Y.Doc();
    writeRoute(doc, laos2013);
    const route = new RouteDoc(doc);
    expect(route.readSetup()).toEqual({
      title: laos2013.title,
      place: laos2013.place,
      startDate: '2013-05-06',
      endDate: '2013-05-10',
    });
    expect(route.read('days')).toEqual(laos2013.days);
    expect(route.read('hosts').map((h) => h.id)).toEqual(['asparagus', 'dyes', 'coffee']);
    expect(route.read('teams')[0]).toEqual(laos2013.teams[0]);
    expect(route.read('schedule').filter((item) => item.dayId === 'd2')).toHaveLength(3);
  });

  it('adds, updates, moves and removes list items', () => {
    const route = new RouteDoc(new Y.Doc());
    const a = route.add('hosts', { name: 'Quang Phuong Bamboo Cooperative', place: 'Quang Binh', summary: '', dayId: '' });
    const b = route.add('hosts', { name: 'Cat Ngoc eco-farm', place: '', summary: '', dayId: '' });
    const c = route.add('hosts', { name: 'Hoang Ha Safe Vegetable Cooperative', place: 'Ha Tinh', summary: '', dayId: '' }, 0);
    expect(route.read('hosts').map((h) => h.id)).toEqual([c, a, b]);
    route.update('hosts', b, { place: 'Quang Binh', summary: 'Mr Le Ngoc' });
    expect(route.read('hosts')[2]).toMatchObject({ id: b, place: 'Quang Binh', summary: 'Mr Le Ngoc' });
    route.move('hosts', c, 2);
    expect(route.read('hosts').map((h) => h.id)).toEqual([a, b, c]);
    route.remove('hosts', a);
    expect(route.read('hosts').map((h) => h.id)).toEqual([b, c]);
  });

  it('merges concurrent edits of different fields of the setup', () => {
    const one = new RouteDoc(new Y.Doc());
    const two = new RouteDoc(new Y.Doc());
    one.writeSetup({ title: 'Learning Route', place: '' });
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    one.writeSetup({ title: 'Learning Route Vietnam 2013' });
    two.writeSetup({ place: 'Quang Binh and Ha Tinh' });
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    Y.applyUpdate(one.doc, Y.encodeStateAsUpdate(two.doc));
    expect(one.readSetup()).toEqual(two.readSetup());
    expect(one.readSetup()).toMatchObject({ title: 'Learning Route Vietnam 2013', place: 'Quang Binh and Ha Tinh' });
  });
});

describe('route document names', () => {
  it('builds and parses the documents of a route', () => {
    expect(parseRouteDocName(routeDocName('abc'))).toEqual({ routeId: 'abc', doc: { kind: 'setup' } });
    expect(parseRouteDocName(riverDocName('abc'))).toEqual({ routeId: 'abc', doc: { kind: 'river' } });
    expect(parseRouteDocName('route/abc/case/coffee')).toEqual({ routeId: 'abc', doc: { kind: 'case', hostId: 'coffee' } });
    expect(parseRouteDocName('route/abc/plan/t1')).toEqual({ routeId: 'abc', doc: { kind: 'plan', teamId: 't1' } });
    expect(parseRouteDocName('route/abc/control')).toEqual({ routeId: 'abc', doc: { kind: 'control' } });
    for (const name of ['route', 'route/', 'demo/notes', 'route/abc/unknown', 'route/abc/case', 'route/abc/river/x']) {
      expect(parseRouteDocName(name), name).toBeNull();
    }
  });
});
