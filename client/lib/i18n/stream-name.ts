import type { Stream } from '../../../shared/schema/river.ts';
import { t } from './messages.ts';

/**
 * A river stream's name: what the route calls it, or for a built-in stream left unnamed, its name in the
 * current language, so one river reads in Lao on one laptop and in Vietnamese on the next.
 */
export function streamName(stream: Pick<Stream, 'kind' | 'label'>): string {
  return stream.label || t(`stream.${stream.kind}`);
}
