import { Worker } from 'node:worker_threads';
import type { FromThread, ThreadSetup, ToThread } from './raw-thread-messages.ts';

/**
 * tsx's `--import` hooks do not reach a worker thread's own modules (privatenumber/tsx#354): the thread
 * registers tsx itself before it loads its TypeScript.
 */
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
  tsx.register();
  return import(${JSON.stringify(new URL('./raw-thread.ts', import.meta.url).href)});
})`;

type Reply<T extends FromThread['type']> = Extract<FromThread, { type: T }>;

/** A thread of the raw load generator; each request waits for the one reply of the matching type. */
export class RawThread {
  private readonly worker: Worker;
  private readonly waiting: Array<{ type: FromThread['type']; resolve: (m: FromThread) => void; reject: (e: Error) => void }> = [];
  /** Resolves once every client of the thread is synced. */
  readonly connected: Promise<Reply<'connected'>>;

  constructor(setup: ThreadSetup) {
    this.worker = new Worker(bootstrap, { eval: true, workerData: setup });
    this.connected = this.wait('connected');
    this.worker.on('message', (message: FromThread) => {
      if (message.type === 'error') return this.waiting.shift()?.reject(new Error(`raw thread ${setup.thread}: ${message.message}`));
      const index = this.waiting.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiting.splice(index, 1)[0]!.resolve(message);
    });
    this.worker.on('error', (error) => {
      for (const w of this.waiting.splice(0)) w.reject(error);
    });
    this.worker.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`raw thread ${setup.thread} exited with ${code}`));
    });
  }

  post(message: ToThread): void {
    this.worker.postMessage(message);
  }

  request<T extends FromThread['type']>(message: ToThread, replyType: T): Promise<Reply<T>> {
    const reply = this.wait(replyType);
    this.post(message);
    return reply;
  }

  private wait<T extends FromThread['type']>(type: T): Promise<Reply<T>> {
    return new Promise((resolve, reject) => this.waiting.push({ type, resolve: resolve as (m: FromThread) => void, reject }));
  }
}
