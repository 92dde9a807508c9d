import {
  exampleFronts,
  type GepaCandidate,
  type GepaCandidateView,
  type SessionEvent,
} from '@backflow/engine';
import { eventsOfType } from './events';

/** One candidate of a GEPA run as the candidates view shows it. */
export interface GepaPoolRow extends GepaCandidateView {
  /** Pareto examples on which no candidate scores higher. */
  bestOn: number;
  onFrontier: boolean;
  best: boolean;
  /** Modules whose prompt differs from the seed's. */
  changed: string[];
}

/** A GEPA run's pool so far: its candidates, the frontier and the best (null for other runs). */
export interface GepaPoolView {
  paretoExamples: number;
  rows: GepaPoolRow[];
  frontier: number[];
  best: number;
}

/** The pool from a run's `gepaCandidate` events (the last one carries the current frontier). */
export function gepaPool(events: readonly SessionEvent[]): GepaPoolView | null {
  const added = eventsOfType(events, 'gepaCandidate');
  const last = added.at(-1);
  if (!last) return null;
  const byId = new Map<number, GepaCandidateView>();
  for (const e of added) byId.set(e.candidate.id, e.candidate);
  const views = [...byId.values()].sort((a, b) => a.id - b.id);
  // The engine's own front computation, on the candidates as the events carried them.
  const asCandidates: GepaCandidate[] = views.map(({ valScore, ...c }) => ({ ...c, mean: valScore }));
  const fronts = exampleFronts(asCandidates);
  const seed = views[0]?.prompts ?? {};
  const frontier = new Set(last.frontier);
  return {
    paretoExamples: last.paretoIds.length,
    frontier: [...last.frontier],
    best: last.best,
    rows: views.map((c) => ({
      ...c,
      bestOn: fronts.filter((f) => f.has(c.id)).length,
      onFrontier: frontier.has(c.id),
      best: c.id === last.best,
      changed: Object.keys(c.prompts).filter((id) => c.prompts[id] !== seed[id]),
    })),
  };
}
