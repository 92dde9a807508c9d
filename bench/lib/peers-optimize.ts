/**
 * Part B of benchmark 4: one optimization run of Ax's GEPA and one of Backflow's semantic
 * backpropagation on the same broken 3-stage chain, counting LLM calls (from the server log) until
 * the validation score reaches 100% or the cap.
 */
import { AxGEPA } from '@ax-llm/ax';
import { type Example, Session, type Workflow } from '@backflow/engine';
import { axChain, axService } from './ax-chain';
import { httpContext, type SimEndpoint } from './models';
import { chainPrompts } from './peers-forward';
import { mapPool } from './pool';
import type { FigureRow } from './result';
import { round } from './stats';

interface OptimizeArgs {
  endpoint: SimEndpoint;
  broken: Workflow;
  intact: Workflow;
  train: Example[];
  val: Example[];
  concurrency: number;
  /** Backflow: at most this many iterations. */
  maxIterations: number;
  /** GEPA: its maxMetricCalls budget. */
  maxMetricCalls: number;
}

/** Semantic backpropagation until validation is 100% (early stop) or `maxIterations`. */
export async function backflowSembp(args: OptimizeArgs): Promise<FigureRow> {
  const before = args.endpoint.completions();
  const t0 = performance.now();
  const session = Session.create(httpContext(args.endpoint.server.baseURL, args.concurrency), {
    workflow: args.broken,
    train: args.train,
    val: args.val,
    settings: { algorithm: 'sembp', iterations: args.maxIterations, earlyStop: true, seed: 1 },
  });
  while (!session.done) {
    const events = await session.step();
    const error = events.find((e) => e.type === 'error');
    if (error?.type === 'error') return { system: 'backflow sembp', error: error.message };
  }
  const score = session.state.valScore?.score ?? 0;
  return {
    system: 'backflow sembp',
    callsUntilStop: args.endpoint.completions() - before,
    iterations: session.state.history.length,
    validationScore: round(score, 3),
    reached100: score >= 1 ? 'yes' : `no (cap ${args.maxIterations} iterations)`,
    wallMs: round(performance.now() - t0, 0),
  };
}

function axExamples(examples: readonly Example[]) {
  return examples.map((e) => ({ sentenceText: e.inputs.text ?? '', finalText: e.target }));
}

/** Share of `examples` an Ax chain with these prompts answers exactly (its ceiling on this mock). */
async function axScore(args: OptimizeArgs, prompts: [string, string, string]): Promise<number> {
  const wf = axChain(prompts);
  const service = axService(args.endpoint.server.baseURL);
  const right = await mapPool(args.val, args.concurrency, async (e) => {
    const out = await wf.forward(service, { sentenceText: e.inputs.text ?? '' });
    return String(out.finalText ?? '').trim() === e.target.trim() ? 1 : 0;
  });
  return right.reduce<number>((s, x) => s + x, 0) / Math.max(1, args.val.length);
}

/** Ax GEPA (student and teacher: the simulator) with `maxMetricCalls` as the cap. */
export async function axGepa(args: OptimizeArgs): Promise<FigureRow> {
  const ceilingBefore = args.endpoint.completions();
  const intactScore = await axScore(args, chainPrompts(args.intact));
  const ceilingCalls = args.endpoint.completions() - ceilingBefore;
  const before = args.endpoint.completions();
  const t0 = performance.now();
  const service = axService(args.endpoint.server.baseURL);
  const program = axChain(chainPrompts(args.broken));
  const metric = ({ prediction, example }: { prediction: unknown; example: unknown }) =>
    String((prediction as { finalText?: unknown })?.finalText ?? '').trim() ===
    String((example as { finalText?: unknown })?.finalText ?? '').trim()
      ? 1
      : 0;
  try {
    const optimizer = new AxGEPA({
      studentAI: service,
      teacherAI: service,
      numTrials: 8,
      seed: 1,
      verbose: false,
    });
    const result = await optimizer.compile(program as never, axExamples(args.train) as never, metric, {
      validationExamples: axExamples(args.val),
      maxMetricCalls: args.maxMetricCalls,
    });
    return {
      system: '@ax-llm/ax GEPA',
      callsUntilStop: args.endpoint.completions() - before,
      validationScore: round(result.bestScore, 3),
      reached100: result.bestScore >= 1 ? 'yes' : `no (cap maxMetricCalls ${args.maxMetricCalls})`,
      wallMs: round(performance.now() - t0, 0),
      intactPromptsScoreInAx: round(intactScore, 3),
      intactCheckCalls: ceilingCalls,
    };
  } catch (err) {
    return {
      system: '@ax-llm/ax GEPA',
      error: `did not finish: ${(err as Error).message.slice(0, 300)}`,
      callsUntilStop: args.endpoint.completions() - before,
      intactPromptsScoreInAx: round(intactScore, 3),
    };
  }
}
