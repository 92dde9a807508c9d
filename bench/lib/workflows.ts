/**
 * Benchmark workflows in the simulator's skill world (docs/simulator.md): each llm node carries
 * one recognised instruction, so the simulator answers forward and backward calls for real. Targets
 * are computed by running the intact workflow through the simulator, then one node is broken (its
 * skill dropped) so that every backward pass has failing examples to work on.
 */
import type { Example, Workflow, WorkflowEdge, WorkflowNode } from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { runWorkflow } from '@backflow/sim/testing';

/** A bench workflow: the broken document optimized, the intact one it came from, the data. */
export interface BenchCase {
  name: string;
  workflow: Workflow;
  intact: Workflow;
  broken: string;
  train: Example[];
}

/** Instructions that map text to text, so they can be stacked in any order. */
const TEXT_SKILLS = [
  ['Cleans the text', 'Remove the punctuation.'],
  ['Shouts', 'Convert to upper case.'],
  ['Orders the words', 'Sort the words alphabetically.'],
  ['Flips the words', 'Reverse the order of the words.'],
  ['Drops repeats', 'Remove duplicate words.'],
  ['Quiets the text', 'Convert to lower case.'],
  ['Shortens the text', 'Keep only the first 4 words.'],
] as const;

/** A prompt the simulator recognises no skill in: it echoes, so the node is visibly wrong. */
const BROKEN_PROMPT = 'Pass the text along.';

const WORDS = 'amber river falcon maple ocean rocket silver garden cloud violet harbor piano'.split(' ');

function llm(id: string, skill: number, template: string, x: number, y: number): WorkflowNode {
  const [what, prompt] = TEXT_SKILLS[skill % TEXT_SKILLS.length]!;
  return {
    id,
    label: id,
    position: { x, y },
    kind: 'llm',
    role: `${what}: ${prompt}`,
    systemPrompt: prompt,
    userTemplate: template,
    trainable: true,
  } as WorkflowNode;
}

function edge(source: string, target: string, targetInput: string, sourceField?: string): WorkflowEdge {
  return {
    id: `e-${source}-${target}-${targetInput}`,
    source,
    target,
    targetInput,
    ...(sourceField ? { sourceField } : {}),
  } as WorkflowEdge;
}

function document(id: string, nodes: WorkflowNode[], edges: WorkflowEdge[]): Workflow {
  const input = { id: 'input', label: 'Example', position: { x: 0, y: 0 }, kind: 'input', fields: ['text'] };
  const output = {
    id: 'answer',
    label: 'Answer',
    position: { x: 2000, y: 0 },
    kind: 'output',
    targetKey: 'target',
  };
  return {
    format: 'backflow.workflow',
    version: 1,
    id,
    name: id,
    description: 'Benchmark workflow (simulated skill world).',
    nodes: [input, ...nodes, output],
    edges,
    loss: {
      kind: 'exact',
      caseSensitive: true,
      trim: true,
      collapseWhitespace: true,
      stripPunctuation: false,
    },
    defaults: {},
  } as unknown as Workflow;
}

/** input -> a -> (b, c) -> join -> answer: 6 nodes, 4 llm, llm depth 3. */
export function diamond6(): Workflow {
  const nodes = [
    llm('a', 0, '{{text}}', 200, 0),
    llm('b', 1, '{{text}}', 400, -100),
    llm('c', 3, '{{text}}', 400, 100),
    {
      ...llm('join', 0, '{{left}}\n{{right}}', 600, 0),
      systemPrompt: "Join the lines with ' | '.",
      role: "Joins the branches: Join the lines with ' | '.",
    } as WorkflowNode,
  ];
  const edges = [
    edge('input', 'a', 'text', 'text'),
    edge('a', 'b', 'text'),
    edge('a', 'c', 'text'),
    edge('b', 'join', 'left'),
    edge('c', 'join', 'right'),
    edge('join', 'answer', 'answer'),
  ];
  return document('bench-diamond6', nodes, edges);
}

/** input -> 7 branches -> join -> answer: 10 nodes, 8 llm, llm depth 2. */
export function fanIn10(): Workflow {
  const branches = Array.from({ length: 7 }, (_, i) => llm(`b${i}`, i, '{{text}}', 300, i * 120));
  const template = branches.map((b) => `{{${b.id}}}`).join('\n');
  const join = {
    ...llm('join', 0, template, 600, 0),
    systemPrompt: "Join the lines with ' | '.",
    role: "Joins the branches: Join the lines with ' | '.",
  } as WorkflowNode;
  const edges = [
    ...branches.map((b) => edge('input', b.id, 'text', 'text')),
    ...branches.map((b) => edge(b.id, 'join', b.id)),
    edge('join', 'answer', 'answer'),
  ];
  return document('bench-fanin10', [...branches, join], edges);
}

/** A chain of `total` nodes (input, total - 2 llm steps, output). */
export function chain(total: number): Workflow {
  const steps = Array.from({ length: total - 2 }, (_, i) => llm(`s${i}`, i, '{{text}}', 200 + i * 200, 0));
  const edges = [
    edge('input', 's0', 'text', 'text'),
    ...steps.slice(1).map((s, i) => edge(steps[i]!.id, s.id, 'text')),
    edge(steps.at(-1)!.id, 'answer', 'answer'),
  ];
  return document(`bench-chain${total}`, steps, edges);
}

/** `count` seeded sentences (punctuation and repeated words give every skill work to do). */
export function sentences(count: number, seed = 7): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const n = 5 + Math.floor(next() * 5);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    return `${words.join(', ')}!`;
  });
}

/** Runs the intact workflow through the simulator to get each example's target. */
export async function examplesFor(workflow: Workflow, count: number, prefix = 'ex'): Promise<Example[]> {
  const model = createSimulatedModel({ seed: 1 });
  const out: Example[] = [];
  for (const [i, text] of sentences(count).entries()) {
    const draft = { id: `${prefix}-${i}`, inputs: { text }, target: '' } as Example;
    const run = await runWorkflow(workflow, draft, model);
    out.push({ ...draft, target: run.outputs.answer ?? '' });
  }
  return out;
}

/** A copy of `workflow` with node `id`'s instruction dropped. */
export function breakNode(workflow: Workflow, id: string, prompt = BROKEN_PROMPT): Workflow {
  const copy = structuredClone(workflow);
  const node = copy.nodes.find((n) => n.id === id);
  if (node?.kind !== 'llm') throw new Error(`no llm node ${id} to break`);
  node.systemPrompt = prompt;
  return copy;
}

/** The llm node in the middle of the topological order (a culprit with work both ways). */
export function middleLlm(workflow: Workflow): string {
  const llms = workflow.nodes.filter((n) => n.kind === 'llm');
  return llms[Math.floor((llms.length - 1) / 2)]!.id;
}

/** How to break a bench case: which node, and the wrong prompt it gets. */
export interface BreakOptions {
  node?: string;
  prompt?: string;
}

/**
 * A broken bench case with `count` training examples. Default: the middle llm node echoes. Long
 * chains break their last node with a wrong skill instead, because later steps of a long chain
 * can redo what a dropped middle step would have done, leaving nothing to repair.
 */
export async function benchCase(
  name: string,
  intact: Workflow,
  count: number,
  options: BreakOptions = {},
): Promise<BenchCase> {
  const broken = options.node ?? middleLlm(intact);
  const workflow = breakNode(intact, broken, options.prompt);
  return { name, intact, workflow, broken, train: await examplesFor(intact, count) };
}

/** The last llm node of a workflow's node list (the chain's final step). */
export function lastLlm(workflow: Workflow): string {
  return workflow.nodes.filter((n) => n.kind === 'llm').at(-1)!.id;
}

/** A wrong instruction whose effect always shows in the final answer of a chain's last step. */
export const WRONG_LAST_STEP = "End the answer with 'done'.";

/** Longest chain of llm nodes from the input to an output (calls that must run one after another). */
export function llmDepth(workflow: Workflow): number {
  const depth = new Map<string, number>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const node = workflow.nodes.find((n) => n.id === id);
    const preds = workflow.edges.filter((e) => e.target === id).map((e) => visit(e.source));
    const d = Math.max(0, ...preds) + (node?.kind === 'llm' ? 1 : 0);
    depth.set(id, d);
    return d;
  };
  return Math.max(0, ...workflow.nodes.map((n) => visit(n.id)));
}
