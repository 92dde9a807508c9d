/**
 * Builds backward task payloads from a workflow run, the way the engine's meta-prompts carry them,
 * and sends them to a model as prose plus one fenced json block. For tests and the generator.
 */
import {
  type ChatModel,
  type Example,
  type GtbpInvertTask,
  readLastJsonBlock,
  type SembpGradientTask,
  type SembpUpdateTask,
  type StepContext,
  type TaskInput,
  type TaskMessage,
  type TaskNode,
  type TaskPayload,
  type TextgradGradientTask,
  toJsonBlock,
  type Workflow,
} from '../engine';
import { nodeById, type WorkflowRun } from './run-workflow';

/** The node as a task payload shows it. */
export function taskNode(workflow: Workflow, nodeId: string): TaskNode {
  const node = nodeById(workflow, nodeId);
  if (node.kind === 'llm') {
    return {
      id: node.id,
      kind: 'llm',
      role: node.role,
      instruction: node.systemPrompt,
      userTemplate: node.userTemplate,
    };
  }
  return {
    id: node.id,
    kind: node.kind,
    role: 'role' in node ? node.role : '',
    instruction: '',
    userTemplate: '',
  };
}

/** The node's inputs with the values they carried in `run` (all of them: the sibling context). */
export function taskInputs(workflow: Workflow, nodeId: string, run: WorkflowRun): TaskInput[] {
  return workflow.edges
    .filter((e) => e.target === nodeId)
    .map((e) => {
      const source = nodeById(workflow, e.source);
      return {
        id: source.id,
        name: e.targetInput,
        kind: source.kind,
        role: source.kind === 'llm' || source.kind === 'code' ? source.role : '',
        value: run.nodes[nodeId]?.inputs[e.targetInput] ?? '',
      };
    });
}

/** What a per-example request carries about the step at `nodeId` in `run` (gradient and inversion alike). */
export function stepContext(
  workflow: Workflow,
  run: WorkflowRun,
  example: Example,
  nodeId: string,
): StepContext {
  return {
    node: taskNode(workflow, nodeId),
    example: { id: example.id, inputs: example.inputs },
    inputs: taskInputs(workflow, nodeId, run),
    renderedUserMessage: run.nodes[nodeId]?.rendered ?? '',
    output: run.nodes[nodeId]?.output ?? '',
  };
}

/** The seed-like message a node receives: what its output should have been. */
export function expectedMessage(from: string, desired: string): TaskMessage {
  return { from, text: `The expected output is ${JSON.stringify(desired)}.`, suggestedValue: desired };
}

/** A semantic-backprop gradient request for `nodeId` on one example. */
export function sembpGradientTask(
  workflow: Workflow,
  run: WorkflowRun,
  example: Example,
  nodeId: string,
  messages: TaskMessage[],
  variant: 'target' | 'comment' = 'target',
): SembpGradientTask {
  return { task: 'sembp.gradient', variant, ...stepContext(workflow, run, example, nodeId), messages };
}

/** A TextGrad per-edge gradient request: one input, no siblings. */
export function textgradGradientTask(
  workflow: Workflow,
  run: WorkflowRun,
  nodeId: string,
  inputId: string,
  feedback: TaskMessage[],
): TextgradGradientTask {
  const input = taskInputs(workflow, nodeId, run).find((i) => i.id === inputId);
  if (!input) throw new Error(`${inputId} is not an input of ${nodeId}`);
  return {
    task: 'textgrad.gradient',
    node: taskNode(workflow, nodeId),
    renderedUserMessage: run.nodes[nodeId]?.rendered ?? '',
    output: run.nodes[nodeId]?.output ?? '',
    feedback,
    input,
  };
}

/** A GTBP inversion request for `nodeId` towards `targetOutput`. */
export function gtbpInvertTask(
  workflow: Workflow,
  run: WorkflowRun,
  example: Example,
  nodeId: string,
  targetOutput: string,
): GtbpInvertTask {
  return { task: 'gtbp.invert', ...stepContext(workflow, run, example, nodeId), targetOutput };
}

/** A semantic-backprop update request from (run, messages) per example. */
export function sembpUpdateTask(
  workflow: Workflow,
  nodeId: string,
  examples: { run: WorkflowRun; messages: TaskMessage[] }[],
): SembpUpdateTask {
  return {
    task: 'sembp.update',
    node: taskNode(workflow, nodeId),
    examples: examples.map(({ run, messages }) => ({
      exampleId: run.exampleId,
      input: run.nodes[nodeId]?.rendered ?? '',
      output: run.nodes[nodeId]?.output ?? '',
      messages,
    })),
  };
}

/** Sends a payload as the engine does (prose, then the json block) and parses the answer strictly. */
export async function ask<T>(
  model: ChatModel,
  payload: TaskPayload,
  schema: { parse(value: unknown): T },
): Promise<T> {
  const response = await model.complete({
    messages: [
      { role: 'system', content: 'You are the optimizer of a multi-step LLM workflow.' },
      {
        role: 'user',
        content: `Here is the ${payload.task} request.\n\n${toJsonBlock(payload)}\n\nEnd your answer with one fenced json block.`,
      },
    ],
    temperature: 0,
  });
  const block = readLastJsonBlock(response.text);
  if (!block.ok) throw new Error(`${payload.task}: ${block.error}\n${response.text}`);
  return schema.parse(block.value);
}

/** The workflow with one llm node's system prompt replaced. */
export function withPrompt(workflow: Workflow, nodeId: string, prompt: string): Workflow {
  return {
    ...workflow,
    nodes: workflow.nodes.map((n) =>
      n.id === nodeId && n.kind === 'llm' ? { ...n, systemPrompt: prompt } : n,
    ),
  };
}
