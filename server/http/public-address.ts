import { networkInterfaces } from 'node:os';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The address other devices in the room reach this server at, from the address a request came to: a
 * facilitator's laptop opens the board as `localhost`, which on a phone scanning the QR code is the phone
 * itself, so a loopback host becomes the laptop's first local-network address (as `npm start` prints), when
 * the server listens there at all.
 */
export function roomAddress(requestUrl: string, listensOnNetwork: boolean): string {
  const url = new URL(requestUrl);
  if (listensOnNetwork && loopback.has(url.hostname)) {
    const lan = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (lan !== undefined) url.hostname = lan.address;
  }
  return url.origin;
}
