/**
 * A load-generating process for the fan-out scenario: it holds some of the room's clients (real providers,
 * or, when started with `raw <threads>`, raw sockets spread over that many threads), sends their updates on
 * a fixed schedule and records, at every receiver, when each other client's update arrived.
 */
import type { ActiveStep } from './load-clients.ts';
import type { FromWorker, ToWorker } from './fan-out-messages.ts';
import { providerLoad } from './fan-out-provider-load.ts';
import { rawLoad } from './fan-out-raw-load.ts';
import { setThreadsNice } from '../../server/thread-priority.ts';
import { clientNiceFromEnv } from './client-nice.ts';

// Before any client exists: threads started later inherit the priority of the thread that starts them.
const clientNice = clientNiceFromEnv();
if (clientNice > 0) setThreadsNice(clientNice, { eventLoopToo: true });

const clients = process.argv[2] === 'raw' ? rawLoad(Number(process.argv[3])) : providerLoad();
let current: ActiveStep | null = null;

const reply = (message: FromWorker): void => {
  process.send?.(message);
};

const replyWhenDone = <T>(work: Promise<T>, message: (result: T) => FromWorker): void => {
  work.then(
    (result) => reply(message(result)),
    (error: unknown) => reply({ type: 'error', message: String(error) }),
  );
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
      replyWhenDone(clients.connect(message.endpoint, message.docName, message.clients), () => ({ type: 'connected' }));
      return;
    case 'prepare':
      replyWhenDone(clients.prepare(message.load), () => ({ type: 'prepared' }));
      return;
    case 'run':
      current = clients.run({ ...message.load, startAt: message.startAt });
      return;
    case 'progress':
      reply({ type: 'progress', ...(current?.progress() ?? { sent: 0, received: 0 }) });
      return;
    case 'collect':
      if (current === null) throw new Error('collect without run');
      replyWhenDone(current.collect(), (report) => ({ type: 'collected', report }));
      current = null;
      return;
    case 'audit':
      replyWhenDone(clients.audit(message.lengths, message.waitMs), (missing) => ({ type: 'audited', missing }));
      return;
    case 'close':
      clients.close();
      // Give the close frames a moment to leave before the process goes.
      setTimeout(() => process.exit(0), 200);
      return;
  }
}
