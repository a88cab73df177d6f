import { checkDocName } from '../../shared/doc-names.ts';

const defaultDocName = 'demo/notes';

/**
 * The board to open: `?doc=route/demo/river` or `#route/demo/river`, else the demo notes. Checked with the
 * server's own rule so that a bad name is reported here instead of becoming a refused connection.
 */
export function docNameFromLocation(location: Pick<Location, 'search' | 'hash'>): { ok: true; name: string } | { ok: false } {
  const fromQuery = new URLSearchParams(location.search).get('doc');
  const fromHash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const name = fromQuery || fromHash || defaultDocName;
  return checkDocName(name).ok ? { ok: true, name } : { ok: false };
}

export function syncBaseUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}
