import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer, ServerSpec, StartOptions } from '../servers/server-spec.ts';

/** Where a run keeps its data folders (fresh per server start) and server logs. */
export interface Workspace {
  readonly root: string;
  readonly logDir: string;
}

export function createWorkspace(root: string): Workspace {
  const logDir = join(root, 'logs');
  mkdirSync(logDir, { recursive: true });
  return { root, logDir };
}

export function freshDataDir(workspace: Workspace, label: string): string {
  return mkdtempSync(join(workspace.root, `${label}-`));
}

function logFileFor(workspace: Workspace, spec: ServerSpec<string>, scenario: string): string {
  return join(workspace.logDir, `${spec.name}-${scenario}.log`);
}

export async function startServer(
  spec: ServerSpec<string>,
  workspace: Workspace,
  scenario: string,
  dataDir: string,
  options: StartOptions = {},
): Promise<RunningServer> {
  return spec.start(dataDir, logFileFor(workspace, spec, scenario), options);
}

/** Warning and error lines a server printed in any scenario, each prefixed with the scenario's log name. */
export function problemLines(workspace: Workspace, spec: ServerSpec<string>): string[] {
  const lines: string[] = [];
  for (const file of readdirSync(workspace.logDir).filter((f) => f.startsWith(`${spec.name}-`)).sort()) {
    for (const line of readFileSync(join(workspace.logDir, file), 'utf8').split('\n')) {
      if (/\b(warn|error|Error|ERR_)\b/.test(line)) lines.push(`${file}: ${line}`);
    }
  }
  return lines;
}
