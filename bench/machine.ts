import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  loadAverageAtStart: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}
