import { maxOtherCpuPct } from '../stats/quiet.ts';

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** ours ÷ peer, as "×1.23"; a dash when either side is missing or the peer is zero. */
export function ratio(ours: number | null | undefined, peer: number | null | undefined): string {
  if (ours === null || ours === undefined || peer === null || peer === undefined || peer === 0) return '–';
  return `×${(ours / peer).toFixed(2)}`;
}

export function verdict(met: boolean | null): string {
  return met === null ? 'not measured' : met ? '**met**' : '**not met**';
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Marks a measurement that shared the machine with other work (more than `maxOtherCpuPct` of a core from
 * processes outside the bench) even after being taken again: it may read worse than it is.
 */
export function shared(step: { otherCpuPct: number } | undefined): string {
  return step !== undefined && step.otherCpuPct > maxOtherCpuPct ? ' †' : '';
}

export const sharedNote = `† Other processes on the machine used more than ${maxOtherCpuPct}% of a core during this measurement, after waiting for a quiet machine and, where the measurement could be repeated, repeating it twice; it may read worse than it is.`;
