import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { ExampleTrace } from '../forward/types';
import type { OutputNode, Workflow } from '../graph/schema';
import { answerKeyOf } from '../nodes/registry';
import { evaluateLoss } from './evaluate';
import type { BatchScore, ExampleScore } from './types';

/** Options shared by {@link scoreExample} and {@link scoreBatch}. */
export interface ScoreOptions {
  /** Scope of judge call keys: `${callKeyPrefix}/judge/${outputNodeId}/${exampleId}` (default "fwd"). */
  callKeyPrefix?: string;
}

/**
 * The value an output node is scored against: the example's `target` for targetKey "target"
 * (a `targets.target` entry wins if present), otherwise `example.targets[targetKey]`.
 */
export function expectedValue(
  node: Pick<OutputNode, 'targetKey'> & Partial<OutputNode>,
  example: Example,
): string | undefined {
  if (node.targetKey === 'target') return example.targets?.target ?? example.target;
  return example.targets?.[node.targetKey];
}

/** An example's inputs as one text for the judge: the value itself when there is one field. */
export function formatExampleInput(example: Example): string {
  const entries = Object.entries(example.inputs);
  if (entries.length === 1) return entries[0]![1];
  return entries.map(([name, value]) => `${name}: ${value}`).join('\n');
}

/**
 * Scores one example's trace with the workflow's loss, per output node; the example's score is
 * the mean over output nodes (0 when there are none). An output that produced nothing (its node
 * failed or was skipped) scores 0 with feedback saying why, and so does a missing expected value.
 */
export async function scoreExample(
  ctx: RunContext,
  workflow: Workflow,
  example: Example,
  trace: ExampleTrace,
  opts: ScoreOptions = {},
): Promise<ExampleScore> {
  const prefix = opts.callKeyPrefix ?? 'fwd';
  const outputs = workflow.nodes.flatMap((n) => {
    const targetKey = answerKeyOf(n);
    return targetKey === undefined ? [] : [{ id: n.id, targetKey }];
  });
  const input = formatExampleInput(example);
  const entries = await Promise.all(
    outputs.map(async (node): Promise<[string, ExampleScore['perOutput'][string]]> => {
      const expected = expectedValue(node, example);
      if (expected === undefined) {
        const have = Object.keys(example.targets ?? {});
        const error = `example "${example.id}" has no expected value "${node.targetKey}" for output "${node.id}" (its targets: ${have.length ? have.join(', ') : 'none'})`;
        return [
          node.id,
          { score: 0, passed: false, error, feedback: error, expected: '', actual: trace.outputs[node.id] },
        ];
      }
      const actual = trace.outputs[node.id];
      if (actual === undefined) {
        const why = trace.nodes[node.id]?.error ?? 'the node did not run';
        const feedback = `the workflow produced no answer at output "${node.id}": ${why}`;
        return [node.id, { score: 0, passed: false, feedback, expected }];
      }
      const result = await evaluateLoss(ctx, workflow.loss, {
        output: actual,
        target: expected,
        example,
        input,
        nodeId: node.id,
        callKey: `${prefix}/judge/${node.id}/${example.id}`,
      });
      return [node.id, { ...result, expected, actual }];
    }),
  );
  const perOutput = Object.fromEntries(entries);
  const results = Object.values(perOutput);
  const score = results.length === 0 ? 0 : results.reduce((sum, r) => sum + r.score, 0) / results.length;
  return {
    exampleId: example.id,
    score,
    perOutput,
    passed: results.length > 0 && results.every((r) => r.passed),
  };
}

/**
 * Scores a batch: each example with its trace (matched by example id), all concurrently (the
 * caller's model wrapper limits judge concurrency). Scores come back in the order of `examples`.
 */
export async function scoreBatch(
  ctx: RunContext,
  workflow: Workflow,
  examples: readonly Example[],
  traces: readonly ExampleTrace[],
  opts: ScoreOptions = {},
): Promise<BatchScore> {
  const byId = new Map(traces.map((t) => [t.exampleId, t]));
  const scores = await Promise.all(
    examples.map((example) => {
      const trace = byId.get(example.id);
      if (trace === undefined) throw new Error(`scoreBatch: no trace for example "${example.id}"`);
      return scoreExample(ctx, workflow, example, trace, opts);
    }),
  );
  const mean = scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
  return { scores, mean };
}
