/** Calendar days from the first to the last date, both included; null unless both are set and in order. */
export function daysBetween(startDate: string, endDate: string): number | null {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return null;
  return Math.min(31, Math.round((end - start) / 86_400_000) + 1);
}
