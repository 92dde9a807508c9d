import type { RunContext } from '../../context';
import type { Example } from '../../datasets/types';
import type { Workflow, WorkflowNode } from '../../graph/schema';
import { readRequestBlock, toJsonBlock } from '../../prompts/json-block';
import { type TaskPayload, taskPayloadSchema } from '../../prompts/tasks';
import type { ChatModel, ChatRequest, ChatResponse } from '../../providers/types';
import { splitClaims } from '../update/claims';

/**
 * A tiny deterministic world for session tests. The forward model applies the "skills" named in
 * a node's system prompt, line by line in order, to the user message. The optimizer model answers
 * every task of prompts/tasks.ts in its json format, from the payload only (like the simulator),
 * with a fixed notion of each node's correct claims. Call ids derive from the call key, so two
 * processes (or a run and its resumption) see identical ids.
 */

/** Skills the forward model knows, by a phrase a prompt line must contain. */
const SKILLS: [phrase: string, apply: (text: string) => string][] = [
  ['upper case', (t) => t.toUpperCase()],
  ['exclaim', (t) => `${t}!`],
  ['reverse', (t) => t.split(' ').reverse().join(' ')],
  ['question mark', (t) => `${t}?`],
];

/** Applies the prompt's skills in order to `text`. */
export function applySkills(prompt: string, text: string): string {
  let out = text;
  for (const claim of splitClaims(prompt)) {
    const skill = SKILLS.find(([phrase]) => claim.text.toLowerCase().includes(phrase));
    if (skill) out = skill[1](out);
  }
  return out;
}

/** One request a fake model saw. */
export interface SeenCall {
  callKey?: string;
  purpose?: string;
  nodeId?: string;
  task?: TaskPayload['task'];
  payload?: TaskPayload;
}

/** A fake model with its log and an optional failure switch (to interrupt a unit mid-way). */
export interface FakeModel extends ChatModel {
  calls: SeenCall[];
  /** Throws on the call after this many calls have been answered (then resets to undefined). */
  failAfter?: number;
  /** Aborted when the injected failure happens (the way a person's "abort" interrupts a unit). */
  abortOnFail?: AbortController;
}

function respond(calls: SeenCall[], request: ChatRequest, seen: SeenCall, text: string): ChatResponse {
  calls.push(seen);
  const key = request.meta?.callKey ?? `anon-${calls.length}`;
  return { text, usage: { inputTokens: 10, outputTokens: 5 }, model: 'fake', callId: `call:${key}` };
}

function guard(model: FakeModel): void {
  if (model.failAfter === undefined) return;
  if (model.failAfter <= 0) {
    model.failAfter = undefined;
    model.abortOnFail?.abort();
    throw new Error('fake model: injected failure');
  }
  model.failAfter -= 1;
}

/** The forward model of the world. */
export function createForwardModel(): FakeModel {
  const model: FakeModel = {
    label: 'fake forward (test)',
    simulated: true,
    calls: [],
    async complete(request) {
      guard(model);
      const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
      const user = request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
      const seen = {
        callKey: request.meta?.callKey,
        purpose: request.meta?.purpose,
        nodeId: request.meta?.nodeId,
      };
      return respond(model.calls, request, seen, applySkills(system, user));
    },
  };
  return model;
}

/** How the optimizer behaves. */
export interface OptimizerBehaviour {
  /** Correct claims per node id. */
  correct: Record<string, string[]>;
  /** "fix": updates repair a blamed node's claims; "worsen": every rewrite adds a harmful skill. */
  mode?: 'fix' | 'worsen';
  /** GTBP: ask for edits on every claim and two additions (to exercise the budget). */
  greedyEdits?: boolean;
}

/** The optimizer model of the world. */
export function createOptimizerModel(behaviour: OptimizerBehaviour): FakeModel {
  const model: FakeModel = {
    label: 'fake optimizer (test)',
    simulated: true,
    calls: [],
    async complete(request) {
      guard(model);
      const block = readRequestBlock(request.messages) ?? { ok: false, error: 'no context block' };
      if (!block.ok) throw new Error(`fake optimizer: ${block.error}`);
      const payload = taskPayloadSchema.parse(block.value);
      const seen = {
        callKey: request.meta?.callKey,
        purpose: request.meta?.purpose,
        nodeId: request.meta?.nodeId,
        task: payload.task,
        payload,
      };
      return respond(model.calls, request, seen, `Thinking.\n\n${toJsonBlock(answer(payload, behaviour))}`);
    },
  };
  return model;
}

function isCorrect(behaviour: OptimizerBehaviour, nodeId: string, instruction: string): boolean {
  const want = behaviour.correct[nodeId];
  if (!want) return true;
  const have = splitClaims(instruction).map((c) => c.text);
  return have.length === want.length && have.every((t, i) => t === want[i]);
}

/** The claims after one repair: every wrong claim removed, the correct ones in order. */
function repaired(behaviour: OptimizerBehaviour, nodeId: string, instruction: string): string {
  return (behaviour.correct[nodeId] ?? splitClaims(instruction).map((c) => c.text)).join('\n');
}

function answer(p: TaskPayload, b: OptimizerBehaviour): Record<string, unknown> {
  switch (p.task) {
    case 'sembp.gradient': {
      // The node's own prompt at fault -> its inputs are fine; otherwise blame every step input.
      const own = isCorrect(b, p.node.id, p.node.instruction);
      const inputs = Object.fromEntries(
        p.inputs
          .filter((i) => i.kind !== 'input')
          .map((i) => [
            i.id,
            own ? { change: true, message: `fix ${i.id}` } : { change: false, message: 'fine' },
          ]),
      );
      return { inputs };
    }
    case 'sembp.critique':
      return { pros: ['short'], cons: ['misses a step'] };
    case 'sembp.update':
    case 'textgrad.update': {
      const texts =
        p.task === 'sembp.update'
          ? // The critique-first rewrite sees the critique instead of the examples.
            [...p.examples.flatMap((e) => e.messages.map((m) => m.text)), ...(p.critique?.cons ?? [])]
          : p.gradients.flatMap((g) => g.feedback.map((m) => m.text));
      const asked = texts.some((t) => t !== '' && t !== 'fine');
      // "worsen" rewrites every prompt it sees into one that ends the answer with "?".
      if (b.mode === 'worsen')
        return { reasoning: 'r', prompt: `${p.node.instruction}\nQuestion mark.`.trim() };
      const prompt =
        asked && !isCorrect(b, p.node.id, p.node.instruction)
          ? repaired(b, p.node.id, p.node.instruction)
          : p.node.instruction;
      return { reasoning: 'r', prompt };
    }
    case 'gepa.reflect': {
      if (b.mode === 'worsen')
        return { reasoning: 'r', prompt: `${p.node.instruction}\nQuestion mark.`.trim() };
      const failing = p.examples.some((e) => e.score < 1);
      const prompt =
        failing && !isCorrect(b, p.node.id, p.node.instruction)
          ? repaired(b, p.node.id, p.node.instruction)
          : p.node.instruction;
      return { reasoning: 'r', prompt };
    }
    case 'textgrad.loss':
      return { feedback: p.score >= 1 ? 'correct' : `expected ${p.target}` };
    case 'textgrad.gradient': {
      const own = isCorrect(b, p.node.id, p.node.instruction);
      const atFault = p.variable === 'prompt' ? !own : own && p.input.kind !== 'input';
      return { change: atFault, criticism: atFault ? `improve ${p.input.id}` : '' };
    }
    case 'gtbp.invert': {
      const own = isCorrect(b, p.node.id, p.node.instruction);
      const targets = Object.fromEntries(p.inputs.map((i) => [i.id, own ? `${i.value} (better)` : i.value]));
      return { targets };
    }
    case 'gtbp.reconcile':
      return { target: p.candidates[0]?.target ?? p.output };
    case 'gtbp.edit':
      return { edits: gtbpEdits(p, b) };
    case 'judge':
      return { score: 0, feedback: 'no judge in this world' };
  }
}

function gtbpEdits(p: Extract<TaskPayload, { task: 'gtbp.edit' }>, b: OptimizerBehaviour) {
  if (b.greedyEdits) {
    return [
      ...p.claims.map((c) => ({ action: 'replace', claimId: c.id, text: `${c.text} Really.` })),
      { action: 'add', text: 'Exclaim.' },
      { action: 'add', text: 'Use upper case.' },
    ];
  }
  if (isCorrect(b, p.node.id, p.claims.map((c) => c.text).join('\n'))) return [];
  const want = b.correct[p.node.id] ?? [];
  const edits: Record<string, string>[] = p.claims
    .filter((c) => !want.includes(c.text))
    .map((c) => ({ action: 'delete', claimId: c.id }));
  const missing = want.find((t) => !p.claims.some((c) => c.text === t));
  if (missing) edits.push({ action: 'add', text: missing });
  return edits;
}

/** A run context over the two fakes. */
export function worldContext(forward: FakeModel, optimizer: FakeModel, signal?: AbortSignal): RunContext {
  return { forwardModel: forward, optimizerModel: optimizer, ...(signal ? { signal } : {}) };
}

function llm(id: string, prompt: string): WorkflowNode {
  return {
    id,
    kind: 'llm',
    position: { x: 0, y: 0 },
    role: `step ${id}`,
    systemPrompt: prompt,
    userTemplate: '{{x}}',
    trainable: true,
  };
}

/**
 * Chain input -> a -> b -> output. Correct: a = "Convert to upper case.", b = "Exclaim." The loss
 * gives half credit for the upper-cased text and half for the final "!", so fixing one node
 * improves the score (a strict gate can accept one repair at a time).
 */
export function chainWorkflow(prompts: { a: string; b: string }): Workflow {
  return {
    format: 'backflow.workflow',
    version: 1,
    id: 'chain',
    name: 'chain',
    description: '',
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, fields: ['question'] },
      llm('a', prompts.a),
      llm('b', prompts.b),
      { id: 'out', kind: 'output', position: { x: 0, y: 0 }, targetKey: 'target' },
    ],
    edges: [
      { id: 'e1', source: 'in', sourceField: 'question', target: 'a', targetInput: 'x' },
      { id: 'e2', source: 'a', target: 'b', targetInput: 'x' },
      { id: 'e3', source: 'b', target: 'out', targetInput: 'x' },
    ],
    loss: {
      kind: 'js',
      code:
        "const body = (s) => s.replace(/!$/, ''); " +
        "return (body(output) === body(target) ? 0.5 : 0) + (output.endsWith('!') === target.endsWith('!') ? 0.5 : 0);",
    },
    defaults: {},
  };
}

/** The correct claims of {@link chainWorkflow}. */
export const CHAIN_CORRECT: Record<string, string[]> = { a: ['Convert to upper case.'], b: ['Exclaim.'] };

/** `n` examples whose target is the question upper-cased with a final "!". */
export function chainExamples(n: number, prefix = 'ex'): Example[] {
  const words = [
    'alpha beta',
    'gamma',
    'delta epsilon zeta',
    'eta theta',
    'iota',
    'kappa lambda',
    'mu nu',
    'xi',
  ];
  return Array.from({ length: n }, (_, i) => {
    const question = `${words[i % words.length]} ${i}`;
    return { id: `${prefix}${i}`, inputs: { question }, target: `${question.toUpperCase()}!` };
  });
}
