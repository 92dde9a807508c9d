import type { RunContext } from '../../context';
import type { Example } from '../../datasets/types';
import type { ExampleTrace } from '../../forward/types';
import type { Workflow } from '../../graph/schema';
import type { EngineParts, ScoredExample } from '../parts';
import type { UnitEnv } from './env';

/** A workflow's forward traces and scores on some examples. */
export interface Evaluation {
  traces: ExampleTrace[];
  scores: ScoredExample[];
  /** Mean score, 0 for no examples. */
  mean: number;
}

/**
 * Runs `workflow` forward on `examples` with the unit's models and scorer, and scores every trace;
 * calls keyed under `callKeyPrefix`, forward progress to the unit's listener.
 */
export async function evaluate(
  env: Pick<UnitEnv, 'ctx' | 'parts' | 'onForwardEvent'>,
  workflow: Workflow,
  examples: Example[],
  callKeyPrefix: string,
): Promise<Evaluation> {
  const { ctx, parts, onForwardEvent: onEvent } = env;
  const traces = await parts.runForward(ctx, {
    workflow,
    examples,
    callKeyPrefix,
    ...(onEvent ? { onEvent } : {}),
  });
  const scores = await scoreAll(ctx, parts, workflow, examples, traces, `${callKeyPrefix}/loss`);
  return { traces, scores, mean: meanScore(scores) };
}

/** Scores every example against its trace (in parallel; order kept). */
export function scoreAll(
  ctx: RunContext,
  parts: EngineParts,
  workflow: Workflow,
  examples: Example[],
  traces: ExampleTrace[],
  callKeyPrefix: string,
): Promise<ScoredExample[]> {
  return Promise.all(
    examples.map((example, i) => {
      const trace = traces[i];
      if (!trace) throw new Error(`no forward trace for example "${example.id}"`);
      return parts.scoreExample(ctx, workflow, example, trace, { callKeyPrefix });
    }),
  );
}

/** Mean of the examples' scores (0 when there are none). */
export function meanScore(scores: readonly ScoredExample[]): number {
  if (scores.length === 0) return 0;
  return scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
}
