import { expect } from 'vitest';
import type { Storage } from '../../../server/persistence/storage.ts';

/**
 * The real storage with its writes made to fail on demand: `failWrites(n)` makes the next n appends throw
 * as a full disk or a lost database would, after which it writes again. Reads are never touched.
 */
export function failingStorage(): { wrap(storage: Storage): Storage; failWrites(count: number): void; readonly failed: number } {
  let toFail = 0;
  let failed = 0;
  return {
    wrap: (storage) =>
      new Proxy(storage, {
        get(target, key) {
          if (key === 'append') {
            return (batch: Parameters<Storage['append']>[0]) => {
              if (toFail === 0) return target.append(batch);
              toFail--;
              failed++;
              return Promise.reject(new Error('SQLITE_FULL: database or disk is full (made to fail by the test)'));
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    failWrites(count) {
      toFail = count;
    },
    get failed() {
      return failed;
    },
  };
}

/** The API's answer for a change the storage could not keep: 503, and a sentence saying it was not made. */
export function expectNotStored(answer: { status: number; body: unknown }): void {
  expect(answer.status).toBe(503);
  expect(answer.body).toMatchObject({ error: 'storage_failed', message: expect.stringContaining('could not save this change, so it was not made') });
}
