/**
 * GEPA's part of the run report (report.json's `gepa`, a section of report.md): every candidate of
 * the pool with its lineage and validation score, the final frontier and the best candidate.
 * Folded from `gepaCandidate` events, so the CLI and the studio report the same pool.
 */
import { mdCode } from '../../report/markdown-text';
import type { GepaCandidateEvent, GepaCandidateView } from './events';

/** One candidate as the report lists it: as events show it, without its per-example scores. */
export type GepaCandidateReport = Omit<GepaCandidateView, 'scores'>;

/** The pool at the end of the run. */
export interface GepaReport {
  paretoExamples: number;
  candidates: GepaCandidateReport[];
  /** Non-dominated candidate ids. */
  frontier: number[];
  /** The candidate whose prompts the run returns. */
  best: number;
}

/** Folds one `gepaCandidate` event into the report section (null before the first). */
export function foldGepaCandidate(section: GepaReport | null, event: GepaCandidateEvent): GepaReport {
  const { id, parents, origin, iteration, valScore, prompts } = event.candidate;
  const candidates = (section?.candidates ?? []).filter((c) => c.id !== id);
  candidates.push({ id, parents: [...parents], origin, iteration, valScore, prompts: { ...prompts } });
  return {
    paretoExamples: event.paretoIds.length,
    candidates,
    frontier: [...event.frontier],
    best: event.best,
  };
}

/** The report.md section: one row per candidate. */
export function gepaMarkdown(section: GepaReport | undefined): string[] {
  if (!section) return [];
  const frontier = new Set(section.frontier);
  const lines = [
    '## GEPA candidates',
    '',
    `Scored on ${section.paretoExamples} Pareto examples; the frontier holds the candidates no other beats on every example they are best on.`,
    '',
    '| candidate | from | parents | iteration | val | frontier | result |',
    '| ---: | --- | --- | ---: | ---: | :---: | :---: |',
  ];
  for (const c of section.candidates) {
    const parents = c.parents.length === 0 ? '-' : c.parents.map((p) => `#${p}`).join(', ');
    lines.push(
      `| #${c.id} | ${mdCode(c.origin, true)} | ${parents} | ${c.iteration} | ${(c.valScore * 100).toFixed(1)}% | ${frontier.has(c.id) ? 'yes' : ''} | ${c.id === section.best ? 'best' : ''} |`,
    );
  }
  lines.push('');
  return lines;
}
