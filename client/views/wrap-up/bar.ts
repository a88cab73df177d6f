/** One bar of a bar chart: its parts (a single part for a plain bar), each with its own colour and name. */
export interface Bar {
  label: string;
  parts: Array<{ value: number; color: string; name: string }>;
  /** Written after the bar; its total when left out. */
  note?: string;
}
