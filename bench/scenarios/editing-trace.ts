import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { repoRoot } from '../servers/repo-root.ts';

/** A sequential editing trace (josephg/editing-traces): patches `[position, deleteCount, insertText]` in order. */
export interface EditingTrace {
  endContent: string;
  txns: Array<{ patches: Array<[number, number, string]> }>;
}

/** The handbook's data folder sits beside the repository; the traces are read from there, never copied in. */
const tracesDir = join(repoRoot, '../shared/data/editing-traces');

export function loadEditingTrace(name = 'sequential-automerge-paper'): EditingTrace {
  return JSON.parse(gunzipSync(readFileSync(join(tracesDir, `${name}.json.gz`))).toString('utf8')) as EditingTrace;
}

export function countEdits(trace: EditingTrace): number {
  return trace.txns.reduce((sum, txn) => sum + txn.patches.length, 0);
}
