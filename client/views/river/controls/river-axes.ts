import type { CellAxis } from '../../../components/cards/cell-axis.ts';
import { streamName } from '../../../lib/i18n/stream-name.ts';
import type { Stream } from '../../../../shared/schema/river.ts';
import type { Day } from '../../../../shared/schema/route.ts';
import { t } from '../i18n/messages.ts';

/** The river's cells to choose from in its dialogs: which stream, which day. */
export function riverAxes(streams: Stream[], days: Day[]): [CellAxis, CellAxis] {
  return [
    { label: t('filter.stream'), testid: 'pick-stream', options: streams.map((stream) => ({ id: stream.id, name: streamName(stream) })) },
    { label: t('filter.day'), testid: 'pick-day', options: days.map((day, i) => ({ id: day.id, name: `${t('day.number', { number: i + 1 })} · ${day.title}` })) },
  ];
}
