/** Small workflow documents for forward and loss tests, built in code so each test reads plainly. */
import type { RunContext } from '../../context';
import type { Example } from '../../datasets/types';
import type { LossSpec } from '../../graph/loss-spec';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../graph/schema';
import type { ChatModel } from '../../providers/types';

const at = { x: 0, y: 0 };

/** An input node exposing `fields` (default: one field "question"). */
export function inputNode(id: string, fields: string[] = ['question']): WorkflowNode {
  return { id, kind: 'input', position: at, fields };
}

/** An llm node whose template is `userTemplate` (default: "{{x}}"). */
export function llmNode(
  id: string,
  over: Partial<Extract<WorkflowNode, { kind: 'llm' }>> = {},
): WorkflowNode {
  return {
    id,
    kind: 'llm',
    position: at,
    role: '',
    systemPrompt: `prompt of ${id}`,
    userTemplate: '{{x}}',
    trainable: true,
    ...over,
  };
}

/** A code node with body `code`. */
export function codeNode(id: string, code: string): WorkflowNode {
  return { id, kind: 'code', position: at, role: '', code };
}

/** An output node scored against `targetKey` (default "target"). */
export function outputNode(id: string, targetKey = 'target'): WorkflowNode {
  return { id, kind: 'output', position: at, targetKey };
}

/** An edge `source -> target.targetInput` (id derived from the ends). */
export function edge(source: string, target: string, targetInput = 'x', sourceField?: string): WorkflowEdge {
  const e: WorkflowEdge = { id: `${source}->${target}.${targetInput}`, source, target, targetInput };
  if (sourceField !== undefined) e.sourceField = sourceField;
  return e;
}

/** A workflow document around `nodes` and `edges`. */
export function workflow(
  nodes: WorkflowNode[],
  edges: WorkflowEdge[],
  over: { loss?: LossSpec; defaults?: Workflow['defaults'] } = {},
): Workflow {
  return {
    format: 'backflow.workflow',
    version: 1,
    id: 'wf',
    name: 'test workflow',
    description: '',
    nodes,
    edges,
    loss: over.loss ?? {
      kind: 'exact',
      caseSensitive: false,
      trim: true,
      collapseWhitespace: true,
      stripPunctuation: false,
    },
    defaults: over.defaults ?? {},
  };
}

/** in -> a -> b -> out: the simplest chain with two llm levels. */
export function chainWorkflow(): Workflow {
  return workflow(
    [inputNode('in'), llmNode('a'), llmNode('b'), outputNode('out')],
    [edge('in', 'a'), edge('a', 'b'), edge('b', 'out')],
  );
}

/** A context whose forward and optimizer model is `model`. */
export function ctxWith(model: ChatModel, signal?: AbortSignal): RunContext {
  return { forwardModel: model, optimizerModel: model, signal };
}

/** An example with one input field, "question". */
export function ex(id: string, question: string, target = ''): Example {
  return { id, inputs: { question }, target };
}

/** Lets every already-queued promise callback and timer of zero delay run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
