import type { RunContext } from '../../context';
import type { Example } from '../../datasets/types';
import type { ExampleTrace, ForwardEvent } from '../../forward/types';
import type { Workflow } from '../../graph/schema';
import type { EngineParts, ScoredExample } from '../parts';

/** A workflow's forward traces and scores on some examples. */
export interface Evaluation {
  traces: ExampleTrace[];
  scores: ScoredExample[];
  /** Mean score, 0 for no examples. */
  mean: number;
}

/** Runs `workflow` forward on `examples` and scores every trace; calls keyed under `callKeyPrefix`. */
export async function evaluate(
  ctx: RunContext,
  parts: EngineParts,
  workflow: Workflow,
  examples: Example[],
  callKeyPrefix: string,
  onEvent?: (event: ForwardEvent) => void,
): Promise<Evaluation> {
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
