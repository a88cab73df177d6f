/** One of a board's two axes to choose a cell from in a dialog, for instance a river's streams or a grid's rows. */
export type CellAxis = { label: string; testid: string; options: { id: string; name: string }[] };
