/**
 * A load-generating process for the fan-out scenario: it holds some of the room's clients (real providers,
 * or raw sockets when started with `raw`), sends their updates on a fixed schedule and records, at every
 * receiver, when each other client's update arrived.
 */
import type { ActiveStep } from './load-clients.ts';
import type { FromWorker, ToWorker } from './fan-out-messages.ts';
import { providerLoad } from './fan-out-provider-load.ts';
import { rawLoad } from './fan-out-raw-load.ts';

const clients = process.argv[2] === 'raw' ? rawLoad() : providerLoad();
let current: ActiveStep | null = null;

const reply = (message: FromWorker): void => {
  process.send?.(message);
};

process.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    reply({ type: 'error', message: String(error) });
  }
});

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'connect':
      void clients.connect(message.endpoint, message.docName, message.clients).then(() => reply({ type: 'connected' }));
      return;
    case 'prepare':
      clients.prepare(message.load);
      reply({ type: 'prepared' });
      return;
    case 'run':
      current = clients.run({ ...message.load, startAt: message.startAt });
      return;
    case 'progress':
      reply({ type: 'progress', ...(current?.progress() ?? { sent: 0, received: 0 }) });
      return;
    case 'collect':
      if (current === null) throw new Error('collect without run');
      reply({ type: 'collected', report: current.collect() });
      current = null;
      return;
    case 'audit':
      void clients.audit(message.lengths, message.waitMs).then((missing) => reply({ type: 'audited', missing }));
      return;
    case 'close':
      clients.close();
      // Give the close frames a moment to leave before the process goes.
      setTimeout(() => process.exit(0), 200);
      return;
  }
}
