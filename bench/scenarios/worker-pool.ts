import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientKind, FromWorker, ToWorker } from './fan-out-messages.ts';

const workerScript = fileURLToPath(new URL('./fan-out-worker.ts', import.meta.url));

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** A fan-out worker process; each request waits for the one reply of the matching type. */
export class FanOutWorker {
  private readonly child: ChildProcess;
  private readonly waiting: Array<{ type: FromWorker['type']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }> = [];
  private readonly exited: Promise<void>;

  /** `threads`: raw clients only (see fan-out-raw-load.ts). */
  constructor(kind: ClientKind, threads: number) {
    this.child = fork(workerScript, [kind, String(threads)], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.on('message', (message: FromWorker) => {
      if (message.type === 'error') return this.waiting.shift()?.reject(new Error(`worker: ${message.message}`));
      const index = this.waiting.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiting.splice(index, 1)[0]!.resolve(message);
    });
    this.child.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`worker exited with ${code}`));
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  send(message: ToWorker): void {
    this.child.send(message);
  }

  request<T extends FromWorker['type']>(message: ToWorker, replyType: T): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ type: replyType, resolve: resolve as (m: FromWorker) => void, reject });
      this.child.send(message);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) this.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}
