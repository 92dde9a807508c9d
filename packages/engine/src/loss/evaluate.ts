import { DEFAULT_CODE_TIMEOUT_MS } from '../code/types';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { LossSpec } from '../graph/loss-spec';
import { choiceLoss } from './choice';
import { containsLoss } from './contains';
import { exactLoss } from './exact';
import { createFunctionJsLossRunner, jsLoss, jsLossRunnerFromCodeRunner } from './js';
import { judgeLoss } from './judge';
import { numericLoss } from './numeric';
import { regexLoss } from './regex';
import { answerExactLoss, tokenF1Loss } from './token-f1';
import type { LossResult } from './types';

/** One answer to score, and where it came from (for the judge's call record). */
export interface EvaluateLossArgs {
  output: string;
  target: string;
  example: Example;
  /** The input the answer responds to, as text (shown to the judge). */
  input?: string;
  /** The output node, for the judge's call record. */
  nodeId?: string;
  /** Stable key of the judge call (its repair retry appends "#repair"). */
  callKey?: string;
}

/**
 * Scores one answer with the loss `spec`. Always resolves with a score in [0,1] and `passed`;
 * when the evaluator cannot score (bad target, broken regex, unreadable judge answer, failing js)
 * the result carries `error` and scores 0. Rejects only when `ctx.signal` aborts a judge or js run.
 */
export async function evaluateLoss(
  ctx: RunContext,
  spec: LossSpec,
  args: EvaluateLossArgs,
): Promise<LossResult> {
  const { output, target } = args;
  switch (spec.kind) {
    case 'exact':
      return exactLoss(output, target, spec);
    case 'numeric':
      return numericLoss(output, target, spec.tolerance);
    case 'choice':
      return choiceLoss(output, target, spec.labels);
    case 'contains':
      return containsLoss(output, target, spec.caseSensitive);
    case 'f1':
      return tokenF1Loss(output, target);
    case 'em':
      return answerExactLoss(output, target);
    case 'regex':
      return regexLoss(output, target, spec.pattern, spec.flags);
    case 'judge':
      return judgeLoss(ctx, {
        rubric: spec.rubric,
        passThreshold: spec.passThreshold,
        output,
        target,
        input: args.input,
        nodeId: args.nodeId,
        exampleId: args.example.id,
        callKey: args.callKey,
      });
    case 'js': {
      // Through the host's (sandboxed) code runner when it gave one, else in-realm (trusted only).
      const runner = ctx.codeRunner
        ? jsLossRunnerFromCodeRunner(ctx.codeRunner)
        : createFunctionJsLossRunner();
      const opts = { timeoutMs: DEFAULT_CODE_TIMEOUT_MS, signal: ctx.signal };
      return jsLoss(runner, spec.code, { output, target, example: args.example }, opts);
    }
  }
}
