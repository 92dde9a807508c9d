import { compileCached, JS_LOSS_PARAMS, settleWithin } from '../code/function-runner';
import { describeThrown } from '../code/result-text';
import type { CodeRunner, CodeRunOptions } from '../code/types';
import type { Example } from '../datasets/types';
import { unscorable } from './quote';
import type { LossResult } from './types';

/** The arguments a user loss function receives. */
export interface JsLossArgs {
  output: string;
  target: string;
  example: Example;
}

/**
 * Runs the body of a user loss `function (output, target, example) { ... }` and resolves with
 * whatever it returned (validated by {@link readJsLossValue}). The studio runs it sandboxed.
 */
export interface JsLossRunner {
  run(code: string, args: JsLossArgs, opts: CodeRunOptions): Promise<unknown>;
}

/**
 * Runs loss code in the engine's realm with `new Function('output', 'target', 'example', code)`.
 * Only for trusted local workflows, for the same reasons as `createFunctionCodeRunner`.
 */
export function createFunctionJsLossRunner(): JsLossRunner {
  const compiled = new Map<string, (...args: unknown[]) => unknown>();
  return {
    run(code, args, opts) {
      const fn = compileCached(compiled, code, [...JS_LOSS_PARAMS]);
      return settleWithin(() => fn(args.output, args.target, structuredClone(args.example)), opts);
    },
  };
}

/**
 * Runs loss code through a {@link CodeRunner} (strings in, a string out), so a sandboxed runner
 * the studio provides for code nodes sandboxes user losses too: the arguments travel as input
 * strings and the result comes back as JSON.
 */
export function jsLossRunnerFromCodeRunner(runner: CodeRunner): JsLossRunner {
  return {
    async run(code, args, opts) {
      const wrapped = [
        'const userLoss = async function (output, target, example) {',
        code,
        '};',
        'return userLoss(inputs.output, inputs.target, JSON.parse(inputs.example))',
        '  .then((value) => JSON.stringify({ value: value === undefined ? null : value }));',
      ].join('\n');
      const inputs = { output: args.output, target: args.target, example: JSON.stringify(args.example) };
      const text = await runner.run(wrapped, inputs, opts);
      return (JSON.parse(text) as { value: unknown }).value;
    },
  };
}

/**
 * Validates what a user loss returned: a number in [0,1], a boolean (1 or 0), or
 * `{ score, feedback? }`. Anything else is a recorded error, never a guessed score.
 */
export function readJsLossValue(value: unknown): LossResult {
  if (typeof value === 'boolean') return { score: value ? 1 : 0, passed: value };
  if (typeof value === 'number') return checkedScore(value, undefined);
  if (typeof value === 'object' && value !== null && 'score' in value) {
    const { score, feedback } = value as { score: unknown; feedback?: unknown };
    if (typeof score !== 'number') return badValue(value);
    if (feedback !== undefined && typeof feedback !== 'string') {
      return unscorable('the js loss returned a non-string feedback; return { score, feedback: "text" }');
    }
    return checkedScore(score, feedback);
  }
  return badValue(value);
}

/** Runs a user loss and reads its result; errors and timeouts become recorded failures. */
export async function jsLoss(
  runner: JsLossRunner,
  code: string,
  args: JsLossArgs,
  opts: CodeRunOptions,
): Promise<LossResult> {
  try {
    return readJsLossValue(await runner.run(code, args, opts));
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    return unscorable(`the js loss failed: ${err instanceof Error ? err.message : describeThrown(err)}`);
  }
}

function checkedScore(score: number, feedback: string | undefined): LossResult {
  if (!Number.isFinite(score) || score < 0 || score > 1) {
    return unscorable(`the js loss returned the score ${score}; scores must be numbers from 0 to 1`);
  }
  const result: LossResult = { score, passed: score >= 1 };
  if (feedback !== undefined) result.feedback = feedback;
  return result;
}

function badValue(value: unknown): LossResult {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
  return unscorable(`the js loss returned ${shown}; return a number from 0 to 1 or { score, feedback }`);
}
