/** Display formatting shared by the run views (pure). */

/** A score in [0, 1] as a percentage, "—" when missing. */
export function pct(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${(score * 100).toFixed(1)}%`;
}

/** US dollars with enough digits for small per-call costs. */
export function usd(cost: number): string {
  return `$${cost < 0.01 ? cost.toFixed(5) : cost.toFixed(4)}`;
}

/** Milliseconds, rounded, with a unit. */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** "12 in / 3 out". */
export function tokens(input: number, output: number): string {
  return `${input} in / ${output} out`;
}
