/** The shape every benchmark module returns to the runner (scripts/bench.mjs). */

/** One row of a benchmark's table: a figure, the bound or target it is compared to, their ratio. */
export type FigureRow = Record<string, string | number | null>;

/** A benchmark's output: rows for the table, plus anything worth keeping in latest.json. */
export interface BenchResult {
  title: string;
  rows: FigureRow[];
  notes?: string[];
  detail?: unknown;
}
