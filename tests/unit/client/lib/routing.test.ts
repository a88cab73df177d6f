import { expect, test } from 'vitest';
import { docNameFromLocation, syncBaseUrl } from '../../../../client/lib/routing.ts';

const at = (address: string): URL => new URL(address);

test('opens the demo notes when the address names no board', () => {
  expect(docNameFromLocation(at('http://venue.local:8080/'))).toEqual({ ok: true, name: 'demo/notes' });
});

test('takes the board from ?doc=, else from the hash', () => {
  expect(docNameFromLocation(at('http://h/?doc=route/laos/river#route/other'))).toEqual({ ok: true, name: 'route/laos/river' });
  expect(docNameFromLocation(at('http://h/#route/laos/river'))).toEqual({ ok: true, name: 'route/laos/river' });
  expect(docNameFromLocation(at('http://h/#/route/laos/river'))).toEqual({ ok: true, name: 'route/laos/river' });
});

test('rejects names the server would refuse', () => {
  expect(docNameFromLocation(at('http://h/?doc=../secrets'))).toEqual({ ok: false });
  expect(docNameFromLocation(at('http://h/#route//river'))).toEqual({ ok: false });
});

test('syncs over wss when the page came over https', () => {
  expect(syncBaseUrl(at('https://board.example:8443/x'))).toBe('wss://board.example:8443/sync');
  expect(syncBaseUrl(at('http://192.168.1.20:8080/'))).toBe('ws://192.168.1.20:8080/sync');
});
