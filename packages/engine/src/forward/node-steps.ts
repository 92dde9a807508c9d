import type { CodeRunner } from '../code/types';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { CodeNode, InputNode, LlmNode, Workflow } from '../graph/schema';
import { renderTemplate } from '../graph/template';
import { splitReasoning } from '../prompts/reasoning';
import type { CallMeta, ChatMessage, ChatRequest, ChatResponse } from '../providers/types';
import { quoteList } from '../util/quote-list';
import type { PlannedNode } from './plan';
import type { NodeTrace } from './types';

/** What a node's named inputs are bound to, or why they cannot be bound. */
export type BoundInputs = { ok: true; inputs: Record<string, string> } | { ok: false; error: string };

/**
 * Binds each incoming edge's `targetInput` to the value its source produced for this example
 * (`outputs` is indexed by node position; input-node sources read the example's field).
 */
export function bindInputs(
  planned: PlannedNode,
  example: Example,
  outputs: (string | undefined)[],
): BoundInputs {
  const inputs: Record<string, string> = {};
  for (const input of planned.inputs) {
    if (input.problem !== undefined) return { ok: false, error: input.problem };
    const value = input.field !== undefined ? fieldOf(example, input.field) : outputs[input.sourceIndex];
    if (value === undefined) {
      return {
        ok: false,
        error: `input "${input.edge.targetInput}" from node "${input.edge.source}" has no value`,
      };
    }
    inputs[input.edge.targetInput] = value;
  }
  return { ok: true, inputs };
}

/** The example's own field (a field named `constructor` it lacks is missing, not `Object`). */
function fieldOf(example: Example, field: string): string | undefined {
  return Object.hasOwn(example.inputs, field) ? example.inputs[field] : undefined;
}

/** An input node exposes example fields; a field the example lacks is this node's failure. */
export function inputNodeTrace(node: InputNode, example: Example): NodeTrace {
  const inputs: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of node.fields) {
    const value = fieldOf(example, field);
    if (value === undefined) missing.push(field);
    else inputs[field] = value;
  }
  if (missing.length > 0) {
    const have = Object.keys(example.inputs);
    return {
      nodeId: node.id,
      status: 'error',
      inputs,
      error: `example "${example.id}" has no field ${quoteList(missing)} (it has ${quoteList(have)})`,
    };
  }
  const output = node.fields.length === 1 ? inputs[node.fields[0]!]! : JSON.stringify(inputs);
  return { nodeId: node.id, status: 'ok', inputs, output };
}

/** An output node passes its single input through; anything else is a wiring error worth naming. */
export function outputNodeTrace(planned: PlannedNode, bound: BoundInputs): NodeTrace {
  const nodeId = planned.node.id;
  if (!bound.ok) return { nodeId, status: 'error', inputs: {}, error: bound.error };
  const values = Object.values(bound.inputs);
  if (values.length !== 1) {
    const error =
      values.length === 0
        ? `output node "${nodeId}" has no incoming edge`
        : `output node "${nodeId}" has ${values.length} inputs; connect exactly one`;
    return { nodeId, status: 'error', inputs: bound.inputs, error };
  }
  return { nodeId, status: 'ok', inputs: bound.inputs, output: values[0]! };
}

/** The messages an llm node sends: its prompt as the system message, its rendered template as the user's. */
export function llmMessages(node: LlmNode, inputs: Record<string, string>): ChatMessage[] {
  return [
    { role: 'system', content: node.systemPrompt },
    { role: 'user', content: renderTemplate(node.userTemplate, inputs, { nodeId: node.id }) },
  ];
}

/**
 * Runs an llm node; `onPartial`, when given, receives the answer so far while it streams. Resolves with an `error` trace when the template cannot be rendered or the
 * call fails (after the provider's own retries); rejects only when the run was aborted.
 */
export async function runLlmNode(
  ctx: RunContext,
  workflow: Workflow,
  node: LlmNode,
  inputs: Record<string, string>,
  meta: CallMeta,
  onPartial?: (textSoFar: string) => void,
): Promise<NodeTrace> {
  let messages: ChatMessage[];
  try {
    messages = llmMessages(node, inputs);
  } catch (err) {
    return { nodeId: node.id, status: 'error', inputs, error: messageOf(err) };
  }
  const request: ChatRequest = {
    messages,
    temperature: node.temperature ?? workflow.defaults.temperature ?? 0,
    signal: ctx.signal,
    meta,
  };
  // Asking for partial text makes the OpenAI-compatible client stream the answer.
  if (onPartial) request.onPartial = onPartial;
  const model = node.model ?? workflow.defaults.model;
  if (model !== undefined) request.model = model;
  const started = performance.now();
  try {
    const response = await ctx.forwardModel.complete(request);
    return {
      nodeId: node.id,
      status: 'ok',
      inputs,
      messages,
      output: node.keepReasoning ? withReasoning(response) : splitReasoning(response.text).answer,
      callId: response.callId,
      latencyMs: performance.now() - started,
      usage: response.usage,
    };
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    return {
      nodeId: node.id,
      status: 'error',
      inputs,
      messages,
      latencyMs: performance.now() - started,
      error: `the model call failed: ${messageOf(err)}`,
    };
  }
}

/**
 * The answer with its reasoning, for nodes that keep it: reasoning sent apart
 * (`reasoning_content`) is put back in front as a `<think>` block, as the model would have written it.
 */
function withReasoning(response: ChatResponse): string {
  return response.reasoning ? `<think>\n${response.reasoning}\n</think>\n\n${response.text}` : response.text;
}

/** Runs a code node through the context's runner; same failure contract as {@link runLlmNode}. */
export async function runCodeNode(
  runner: CodeRunner,
  node: CodeNode,
  inputs: Record<string, string>,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<NodeTrace> {
  const started = performance.now();
  try {
    const output = await runner.run(node.code, inputs, opts);
    return { nodeId: node.id, status: 'ok', inputs, output, latencyMs: performance.now() - started };
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    return {
      nodeId: node.id,
      status: 'error',
      inputs,
      latencyMs: performance.now() - started,
      error: `the code failed: ${messageOf(err)}`,
    };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
