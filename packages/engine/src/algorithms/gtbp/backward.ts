import type * as z from 'zod';
import type {
  BackwardNodeArgs,
  BackwardRule,
  BackwardSeedArgs,
  BackwardSeedResult,
} from '../../backward/rule';
import {
  askBackward,
  backwardNodeVia,
  conversationOf,
  emptyResult,
  entryFor,
  noOutputFailure,
  outputNodeIds,
  outputPasses,
  outputScore,
  requireEntries,
} from '../../backward/support';
import type { BackwardFailure, BackwardNodeResult, BackwardSignal } from '../../backward/types';
import {
  nodeOutput,
  receivedFor,
  renderedUserMessage,
  sameText,
  siblingOutputs,
  stepPredecessors,
  taskInputs,
  toTaskNode,
} from '../../backward/walk';
import type { RunContext } from '../../context';
import type { ExampleTrace } from '../../forward/types';
import type { GraphIndex } from '../../graph/topology';
import type { MetaPrompt } from '../../prompts/ask';
import type { BackwardMode } from '../../prompts/task-parts';
import { keepEveryTarget } from './backward-ablation';
import { buildGtbpInvertPrompt, buildGtbpReconcilePrompt } from './prompts';
import {
  type GtbpEditTask,
  type GtbpInvertAnswer,
  gtbpInvertAnswerSchema,
  gtbpReconcileAnswerSchema,
} from './tasks';

/**
 * GTBP, graph-based target back-propagation (arXiv 2606.14155): difference target propagation on
 * an LLM DAG. Every node receives a target OUTPUT. The seed is the reference answer at each output;
 * at a node v, several successors' differing targets for one example are merged by one
 * `gtbp.reconcile` call; if v's target equals its output, v has no discrepancy and its step
 * predecessors get targets equal to their outputs without a call; otherwise one `gtbp.invert`
 * call proposes the input closest to the actual one that would make v produce its target, split
 * into one target per predecessor.
 */

export interface GtbpOptions {
  /**
   * Which back-propagated examples are inverted. "failing" (default): an output that passes the
   * loss keeps its own value as target, so nothing upstream of it is blamed. "all": every output's
   * target is the reference answer, even where the loss accepted a differently written answer.
   */
  invert: 'failing' | 'all';
  /** Ablation off (default true): merge differing successor targets with one reconcile call. */
  reconcile: boolean;
  /**
   * "faithful" (default, the paper's inversion: the instruction is held fixed) or "weighed"
   * (Backflow's extension: the inversion may answer that the node's own instruction explains the
   * target with a smaller change, and then every input keeps its actual value).
   */
  mode: BackwardMode;
}

function seedWith(options: GtbpOptions) {
  return async (_ctx: RunContext, args: BackwardSeedArgs): Promise<BackwardSeedResult> => {
    const result: BackwardSeedResult = { signals: [], failures: [], callIds: [] };
    for (const item of args.batch) {
      for (const outputId of outputNodeIds(args.workflow)) {
        const { score, expected } = outputScore(args.workflow, item, outputId);
        const actual = nodeOutput(item.trace, outputId);
        const keep =
          options.invert === 'failing' && actual !== undefined && outputPasses(args.workflow, score);
        const target = keep ? actual : expected;
        if (target === '' && !keep) {
          result.failures.push({
            nodeId: outputId,
            exampleId: item.example.id,
            reason: 'GTBP needs a reference answer for every output; this example has none',
          });
          continue;
        }
        result.signals.push({
          kind: 'target',
          nodeId: outputId,
          exampleId: item.example.id,
          fromNodeId: 'loss',
          text: target,
          suggestedValue: target,
          asksForChange: actual === undefined || !sameText(target, actual),
          siblingOutputs: {},
        });
      }
    }
    return result;
  };
}

/** A target signal for `pred`, produced at `at`. */
function targetSignal(
  index: GraphIndex,
  trace: ExampleTrace,
  pred: string,
  at: string,
  exampleId: string,
  target: string,
  callId?: string,
): BackwardSignal {
  const signal: BackwardSignal = {
    kind: 'target',
    nodeId: pred,
    exampleId,
    fromNodeId: at,
    text: target,
    suggestedValue: target,
    asksForChange: !sameText(target, nodeOutput(trace, pred) ?? ''),
    siblingOutputs: siblingOutputs(index, trace, pred, at),
  };
  if (callId !== undefined) signal.callId = callId;
  return signal;
}

interface ExampleOutcome {
  target?: string;
  sources?: { from: string; target: string }[];
  signals: BackwardSignal[];
  failures: BackwardFailure[];
  callIds: string[];
}

async function backwardExample(
  ctx: RunContext,
  args: BackwardNodeArgs,
  index: GraphIndex,
  item: BackwardNodeArgs['batch'][number],
  options: GtbpOptions,
): Promise<ExampleOutcome> {
  const { example, trace } = item;
  const out: ExampleOutcome = { signals: [], failures: [], callIds: [] };
  const candidates = receivedFor(args.received, example.id).map((s) => ({
    from: s.fromNodeId,
    target: s.suggestedValue ?? s.text,
  }));
  if (candidates.length === 0) return out;
  const output = nodeOutput(trace, args.nodeId);
  if (output === undefined) {
    out.failures.push(noOutputFailure(args.nodeId, example.id));
    return out;
  }
  /**
   * One GTBP call at v on the example (reconcile or invert): its call ids, and its failure if the
   * answer is unusable, go into `out`; the parsed answer comes back, or undefined on failure.
   */
  const ask = async <T>(prompt: MetaPrompt, schema: z.ZodType<T>) => {
    const answer = await askBackward(ctx, prompt, schema, {
      callKeyPrefix: args.callKeyPrefix,
      purpose: 'target',
      nodeId: args.nodeId,
      exampleId: example.id,
    });
    out.callIds.push(...answer.callIds);
    if (answer.ok) return answer;
    out.failures.push(answer.failure);
    return undefined;
  };
  const node = toTaskNode(index.nodeById.get(args.nodeId)!);
  const exampleRef = { id: example.id, inputs: example.inputs };
  // v's one target on the example: the single proposal, or the reconciliation of differing ones.
  const distinct = candidates.filter(
    (c, i) => candidates.findIndex((d) => sameText(d.target, c.target)) === i,
  );
  let target = distinct[0]?.target;
  if (distinct.length > 1) {
    out.sources = candidates;
    const prompt = buildGtbpReconcilePrompt({ node, example: exampleRef, output, candidates });
    target = (await ask(prompt, gtbpReconcileAnswerSchema))?.value.target;
  }
  if (target === undefined) return out;
  out.target = target;
  const preds = stepPredecessors(index, args.nodeId);
  if (preds.length === 0) return out;
  const inputs = taskInputs(index, args.nodeId, trace);
  // No discrepancy at v (no call): the identity is the closest input that yields the target, so
  // every predecessor's target is its own output.
  let answer: { value: GtbpInvertAnswer; callId: string } | undefined;
  if (!sameText(target, output)) {
    const prompt = buildGtbpInvertPrompt({
      node,
      example: exampleRef,
      inputs,
      renderedUserMessage: renderedUserMessage(trace, args.nodeId),
      output,
      targetOutput: target,
      ...(options.mode === 'weighed' ? { mode: 'weighed' as const } : {}),
    });
    const schema = requireEntries<GtbpInvertAnswer>(gtbpInvertAnswerSchema, (a) => a.targets, preds, inputs);
    answer = await ask(prompt, schema);
    if (answer === undefined) return out;
  }
  // The weighed answer may keep the discrepancy at v ("instruction"): then no input is at fault,
  // whatever values the targets carry.
  const keepsIt = options.mode === 'weighed' && answer?.value.explanation === 'instruction';
  for (const pred of preds) {
    const predTarget =
      answer === undefined || keepsIt
        ? (nodeOutput(trace, pred) ?? '')
        : entryFor(answer.value.targets, pred, inputs)!;
    out.signals.push(targetSignal(index, trace, pred, args.nodeId, example.id, predTarget, answer?.callId));
  }
  return out;
}

async function backwardAtStep(
  ctx: RunContext,
  args: BackwardNodeArgs,
  index: GraphIndex,
  options: GtbpOptions,
): Promise<BackwardNodeResult> {
  const result = emptyResult(args.nodeId);
  const outcomes = await Promise.all(
    args.batch.map((item) => backwardExample(ctx, args, index, item, options)),
  );
  const targets: Record<string, string> = {};
  const sources: Record<string, { from: string; target: string }[]> = {};
  args.batch.forEach(({ example }, i) => {
    const o = outcomes[i]!;
    result.emitted.push(...o.signals);
    result.failures.push(...o.failures);
    result.callIds.push(...o.callIds);
    if (o.target !== undefined) targets[example.id] = o.target;
    if (o.sources !== undefined) sources[example.id] = o.sources;
  });
  result.targets = targets;
  if (Object.keys(sources).length > 0) result.targetSources = sources;
  return result;
}

/** Creates the GTBP rule (default: invert only failing examples, the paper's faithful inversion). */
export function createGtbpRule(options: Partial<GtbpOptions> = {}): BackwardRule {
  const resolved: GtbpOptions = {
    invert: options.invert ?? 'failing',
    reconcile: options.reconcile ?? true,
    mode: options.mode ?? 'faithful',
  };
  return {
    name: 'gtbp',
    seed: seedWith(resolved),
    backwardNode: (ctx, input) =>
      backwardNodeVia(ctx, resolved.reconcile ? input : keepEveryTarget(input), (c, args, index) =>
        backwardAtStep(c, args, index, resolved),
      ),
  };
}

/**
 * The module set S_v = {(I_v, O_v, Ô_v)} of node `nodeId` for the stage-wise update: per
 * back-propagated example that reached v with a target, the message v was sent, its output and
 * its (reconciled) target. Examples where the target equals the output stay in: they show the
 * update what must keep working.
 */
export function moduleSet(
  nodeId: string,
  batch: BackwardNodeArgs['batch'],
  targets: Readonly<Record<string, string>>,
): GtbpEditTask['moduleSet'] {
  return batch.flatMap(({ example, trace }) => {
    const target = targets[example.id];
    if (target === undefined) return [];
    return [
      {
        ...conversationOf(nodeId, example.id, trace),
        target,
      },
    ];
  });
}
