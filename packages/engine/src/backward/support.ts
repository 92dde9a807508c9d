import type * as z from 'zod';
import type { RunContext } from '../context';
import type { ExampleTrace } from '../forward/types';
import type { Workflow } from '../graph/schema';
import { buildGraphIndex, type GraphIndex, successors } from '../graph/topology';
import { answerKeyOf, isAnswerNode, isStepKind } from '../nodes/registry';
import { type AskResult, askStructured, type MetaPrompt } from '../prompts/ask';
import type { TaskInput } from '../prompts/tasks';
import type { CallPurpose } from '../providers/types';
import type { BackwardNodeArgs } from './rule';
import type {
  BackwardExample,
  BackwardFailure,
  BackwardNodeInput,
  BackwardNodeResult,
  BackwardScore,
  BackwardSignal,
} from './types';
import { nodeOutput, renderedUserMessage, stepPredecessors } from './walk';

/**
 * Pieces every backward rule uses: deterministic call keys, the one way a rule asks the optimizer
 * model (strict parse, one repair, then a recorded failure), id-robust answer lookup, and the
 * pass-through at output nodes.
 */

/**
 * The stable key of one backward call, `${prefix}/${task}/${nodeId}/${exampleId}[/${inputId}]`:
 * a resumed session that replays the same unit finds the settled call again instead of paying
 * for it twice. `task` is the meta-prompt's template name without its version (e.g.
 * "gtbp.reconcile"), so two calls at the same node and example never share a key.
 */
export function backwardCallKey(
  prefix: string,
  task: string,
  nodeId: string,
  exampleId: string,
  inputId?: string,
): string {
  const base = `${prefix}/${task}/${nodeId}/${exampleId}`;
  return inputId === undefined ? base : `${base}/${inputId}`;
}

/** Where a backward call sits, for its call key, its record and a failure it may turn into. */
export interface BackwardCallSite {
  callKeyPrefix: string;
  purpose: CallPurpose;
  nodeId: string;
  exampleId: string;
  inputId?: string;
}

/** A parsed answer with the id of the call that produced it, or the failure to record. */
export type BackwardAsk<T> =
  | { ok: true; value: T; callId: string; callIds: string[] }
  | { ok: false; failure: BackwardFailure; callIds: string[] };

/** Asks the optimizer model through `askStructured` and turns a final parse failure into a record. */
export async function askBackward<T>(
  ctx: RunContext,
  prompt: MetaPrompt,
  schema: z.ZodType<T>,
  site: BackwardCallSite,
): Promise<BackwardAsk<T>> {
  const task = prompt.templateId.replace(/@\d+$/, '');
  const callKey = backwardCallKey(site.callKeyPrefix, task, site.nodeId, site.exampleId, site.inputId);
  const meta = { purpose: site.purpose, nodeId: site.nodeId, exampleId: site.exampleId, callKey };
  let result: AskResult<T>;
  try {
    result = await askStructured(ctx, prompt, schema, meta);
  } catch (err) {
    // Cancellation stops the pass; a call that failed after the provider's retries is recorded
    // like a parse failure, so the rest of the batch goes on (as the forward pass does).
    if (ctx.signal?.aborted) throw err;
    result = {
      ok: false,
      error: `${prompt.templateId}: the call failed (${(err as Error).message})`,
      callIds: [],
    };
  }
  if (result.ok)
    return { ok: true, value: result.value, callId: result.callIds.at(-1) ?? '', callIds: result.callIds };
  const failure: BackwardFailure = {
    nodeId: site.nodeId,
    exampleId: site.exampleId,
    reason: result.error,
    task: prompt.payload.task,
  };
  const callId = result.callIds.at(-1);
  if (callId !== undefined) failure.callId = callId;
  if (site.inputId !== undefined) failure.inputId = site.inputId;
  return { ok: false, failure, callIds: result.callIds };
}

/**
 * Finds the answer entry for upstream node `id` in a record keyed by input: by exact id first,
 * then by id ignoring case and spaces, then by the input's template name. Models asked for ten or
 * more inputs reorder and restyle keys; matching by identity (never by position) keeps each
 * message with the input it is about.
 */
export function entryFor<V>(
  record: Record<string, V>,
  id: string,
  inputs: readonly TaskInput[],
): V | undefined {
  if (Object.hasOwn(record, id)) return record[id];
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/^\{\{|\}\}$/g, '')
      .replace(/\s+/g, '');
  const names = new Set([norm(id), ...inputs.filter((i) => i.id === id).map((i) => norm(i.name))]);
  for (const [key, value] of Object.entries(record)) if (names.has(norm(key))) return value;
  return undefined;
}

/**
 * `schema` plus the check that its `field` record has an entry for each of `ids`: a missing id
 * is a parse failure, so the model gets one repair request that names the missing ids.
 */
export function requireEntries<T>(
  schema: z.ZodType<T>,
  pick: (value: T) => Record<string, unknown>,
  ids: readonly string[],
  inputs: readonly TaskInput[],
): z.ZodType<T> {
  return schema.superRefine((value, ctx) => {
    const record = pick(value);
    const missing = ids.filter((id) => entryFor(record, id, inputs) === undefined);
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `no entry for input id(s) ${missing.map((m) => `"${m}"`).join(', ')}; answer for every required id`,
      });
    }
  }) as z.ZodType<T>;
}

/** Whether one output of an example passes, by the workflow's loss (a judge's own threshold). */
export function outputPasses(workflow: Workflow, score: number): boolean {
  return workflow.loss.kind === 'judge' ? score >= workflow.loss.passThreshold : score >= 1;
}

/** The per-output score entry, falling back to the example's target and overall score. */
export function outputScore(workflow: Workflow, item: BackwardExample, outputId: string) {
  const entry: BackwardScore['perOutput'][string] | undefined = item.score.perOutput[outputId];
  const node = workflow.nodes.find((n) => n.id === outputId);
  const key = answerKeyOf(node) ?? 'target';
  const expected =
    entry?.expected ?? (key === 'target' ? item.example.target : (item.example.targets?.[key] ?? ''));
  return { score: entry?.score ?? item.score.score, feedback: entry?.feedback, expected };
}

/** The workflow's output node ids, in document order. */
export function outputNodeIds(workflow: Workflow): string[] {
  return workflow.nodes.filter(isAnswerNode).map((n) => n.id);
}

/** A failure for an example whose node produced no output in the forward pass. */
export function noOutputFailure(nodeId: string, exampleId: string): BackwardFailure {
  return {
    nodeId,
    exampleId,
    reason: `node "${nodeId}" has no output on example "${exampleId}" (it failed or was skipped in the forward pass)`,
  };
}

/** One example's (or one call's) share of a backward step: its signals or its failure, and its calls. */
export type StepOutcome =
  | { signals: BackwardSignal[]; callIds: string[] }
  | { failure: BackwardFailure; callIds: string[] };

/**
 * Gathers outcomes in batch order: their call ids and failures go into `into`, their signals come
 * back (null stands for an example the step had nothing to do on).
 */
export function collectOutcomes(
  into: { failures: BackwardFailure[]; callIds: string[] },
  outcomes: readonly (StepOutcome | null)[],
): BackwardSignal[] {
  const signals: BackwardSignal[] = [];
  for (const outcome of outcomes) {
    if (outcome === null) continue;
    into.callIds.push(...outcome.callIds);
    if ('failure' in outcome) into.failures.push(outcome.failure);
    else signals.push(...outcome.signals);
  }
  return signals;
}

/** An empty result to fill in. */
export function emptyResult(nodeId: string): BackwardNodeResult {
  return { nodeId, emitted: [], failures: [], callIds: [] };
}

/**
 * The backward step of an `output` node: it computes nothing (its value IS its predecessor's
 * output), so every signal it received is handed to that predecessor unchanged, without a call.
 * GTBP's targets are recorded too.
 */
export function relayOutputNode(input: BackwardNodeInput): BackwardNodeResult {
  const index = buildGraphIndex(input.workflow);
  const result = emptyResult(input.nodeId);
  const targets: Record<string, string> = {};
  for (const pred of stepPredecessors(index, input.nodeId)) {
    for (const s of input.received) {
      if (s.about === 'prompt') continue;
      result.emitted.push({ ...s, nodeId: pred, fromNodeId: input.nodeId, siblingOutputs: {} });
      if (s.kind === 'target') targets[s.exampleId] = s.suggestedValue ?? s.text;
    }
  }
  if (Object.keys(targets).length > 0) result.targets = targets;
  return result;
}

/**
 * The received signals ordered by their sender's position among the node's successors (the
 * loss's seeds first), then by example: the prompts a node's messages end up in must not depend
 * on the order a session happened to deliver them in.
 */
export function inSuccessorOrder(input: BackwardNodeArgs, index: GraphIndex): BackwardNodeArgs {
  const rank = new Map(successors(index, input.nodeId).map((id, i) => [id, i]));
  const received = input.received
    .map((s, i) => ({ s, i }))
    .sort((x, y) => (rank.get(x.s.fromNodeId) ?? -1) - (rank.get(y.s.fromNodeId) ?? -1) || x.i - y.i)
    .map(({ s }) => s);
  return { ...input, received };
}

/**
 * Every rule's `backwardNode`: an output node relays what it received, a node that is neither a
 * step (llm) nor code has nothing to say, and a step runs `step` on its signals in successor order.
 */
export async function backwardNodeVia(
  ctx: RunContext,
  input: BackwardNodeArgs,
  step: (ctx: RunContext, input: BackwardNodeArgs, index: GraphIndex) => Promise<BackwardNodeResult>,
): Promise<BackwardNodeResult> {
  const index = buildGraphIndex(input.workflow);
  const node = index.nodeById.get(input.nodeId);
  if (isAnswerNode(node)) return relayOutputNode(input);
  if (!isStepKind(node?.kind)) return emptyResult(input.nodeId);
  return step(ctx, inSuccessorOrder(input, index), index);
}

/** A node's conversation on one example, as every update payload shows it: input and output. */
export function conversationOf(nodeId: string, exampleId: string, trace: ExampleTrace) {
  return {
    exampleId,
    input: renderedUserMessage(trace, nodeId),
    output: nodeOutput(trace, nodeId) ?? '',
  };
}
