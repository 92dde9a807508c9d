import type { RunContext } from '../context';
import { type AskResult, askStructured } from '../prompts/ask';
import { buildJudgePrompt } from '../prompts/judge';
import { type JudgeAnswer, judgeAnswerSchema } from '../prompts/judge-task';
import type { LossResult } from './types';

/** What the judge needs about one answer. */
export interface JudgeArgs {
  rubric: string;
  passThreshold: number;
  output: string;
  /** The expected answer; empty means "grade by the rubric alone". */
  target: string;
  /** The input the answer responds to, as text. */
  input?: string;
  nodeId?: string;
  exampleId?: string;
  callKey?: string;
}

/**
 * Scores an answer with the LLM judge (the optimizer model, purpose `judge`): the judge
 * meta-prompt carries the rubric, input, answer and reference once, in a `judge` json block after
 * its static instructions, and the answer is parsed strictly. A malformed answer gets one repair retry; a second
 * failure, or a failed call, is returned as a recorded failure (score 0 with `error`), never as
 * a silent score. Rejects only when the run was aborted.
 */
export async function judgeLoss(ctx: RunContext, args: JudgeArgs): Promise<LossResult> {
  const prompt = buildJudgePrompt({
    task: 'judge',
    rubric: args.rubric,
    input: args.input ?? '',
    output: args.output,
    ...(args.target === '' ? {} : { target: args.target }),
  });
  let result: AskResult<JudgeAnswer>;
  try {
    result = await askStructured(ctx, prompt, judgeAnswerSchema, {
      purpose: 'judge',
      nodeId: args.nodeId,
      exampleId: args.exampleId,
      callKey: args.callKey,
    });
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    const error = `the judge call failed: ${err instanceof Error ? err.message : String(err)}`;
    return { score: 0, passed: false, error, feedback: error, callIds: [] };
  }
  if (!result.ok) {
    const error = `the judge's answer could not be read: ${result.error}`;
    return { score: 0, passed: false, error, feedback: error, callIds: result.callIds };
  }
  const { score, feedback } = result.value;
  return { score, feedback, passed: score >= args.passThreshold, callIds: result.callIds };
}
