import * as z from 'zod';
import { runLlmNode } from '../forward/node-steps';
import { nodeSchema } from '../graph/node-common';
import { parseTemplate, templateVariables } from '../graph/template';
import type { NodeCheck, NodeKindDefinition } from './definition';

/** An LLM call: the system prompt is the tunable parameter; the user template wires inputs in. */
export const llmNodeSchema = nodeSchema('llm', {
  /** What this node is for, in a sentence; used in backward prompts ("the role description"). */
  role: z.string().max(2000).default(''),
  /** The instruction the optimizer rewrites. */
  systemPrompt: z.string(),
  /** The user message, with `{{name}}` placeholders bound by incoming edges' `targetInput`. */
  userTemplate: z.string(),
  trainable: z.boolean().default(true),
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /**
   * Keep the model's reasoning (`<think>` blocks, `reasoning_content`) in the node's output.
   * Off by default: reasoning is scratch work, not the answer, and would flow downstream.
   */
  keepReasoning: z.boolean().optional(),
});
export type LlmNode = z.infer<typeof llmNodeSchema>;

/** An LLM call: the system prompt is the tunable parameter; the user template wires inputs in. */
export const llmNodeKind: NodeKindDefinition<LlmNode> = {
  kind: 'llm',
  schema: llmNodeSchema,
  label: 'LLM node',
  create: (id, position) => ({
    id,
    kind: 'llm',
    label: 'LLM',
    position,
    role: '',
    systemPrompt: 'You are a careful assistant.',
    userTemplate: '',
    trainable: true,
  }),
  takesInputs: true,
  feedsOthers: true,
  callsModel: { override: (node) => node.model },
  usedInputs: (node) => templateVariables(node.userTemplate),
  withInput(node, name) {
    if (templateVariables(node.userTemplate).includes(name)) return node;
    const sep = node.userTemplate.trim() === '' ? '' : '\n\n';
    return { ...node, userTemplate: `${node.userTemplate.trimEnd()}${sep}{{${name}}}` };
  },
  prompt: {
    read: (node) => node.systemPrompt,
    write: (node, systemPrompt) => ({ ...node, systemPrompt }),
    trainable: (node) => node.trainable,
  },
  texts: (node) => [
    ['system prompt', node.systemPrompt],
    ['user template', node.userTemplate],
  ],
  step: true,
  forward: {
    calls: true,
    run: ({ ctx, workflow, node, inputs, meta, onPartial }) =>
      runLlmNode(ctx, workflow, node, inputs, meta, onPartial),
  },
  validate: checkLlmNode,
  taskNode: (node) => ({
    id: node.id,
    kind: 'llm',
    role: node.role,
    instruction: node.systemPrompt,
    userTemplate: node.userTemplate,
  }),
  inputRole: (node) => node.role,
};

/** The template against the edges that feed it, and an empty template or trainable prompt. */
function checkLlmNode(node: LlmNode, check: NodeCheck): void {
  const template = parseTemplate(node.userTemplate);
  const used = new Set<string>();
  for (const segment of template.segments) if (segment.kind === 'variable') used.add(segment.name);
  for (const name of used) {
    if (!check.boundInputs.has(name)) {
      check.report({
        code: 'unbound_template_variable',
        severity: 'error',
        ...check.at('userTemplate'),
        message: `The user template of node "${node.id}" uses {{${name}}}, but no edge into it has targetInput "${name}".`,
      });
    }
  }
  for (const edge of check.incoming) {
    if (!used.has(edge.targetInput)) {
      check.report({
        code: 'unused_input',
        severity: 'warning',
        edgeId: edge.id,
        field: 'targetInput',
        path: `${check.edgePath(edge)}.targetInput`,
        message: `Edge "${edge.id}" feeds input "${edge.targetInput}" of node "${node.id}", but its user template never uses {{${edge.targetInput}}}, so the model never sees that value.`,
      });
    }
  }
  for (const bad of template.malformed) {
    check.report({
      code: 'malformed_template',
      severity: 'warning',
      ...check.at('userTemplate'),
      message: `The user template of node "${node.id}" has "${bad.excerpt}", which is not a placeholder; write {{name}} with a letter-first name, or \\{{ for literal braces.`,
    });
  }
  if (node.userTemplate.trim() === '') {
    check.report({
      code: 'empty_user_template',
      severity: 'warning',
      ...check.at('userTemplate'),
      message: `Node "${node.id}" has an empty user template, so the model receives no input from the graph.`,
    });
  }
  if (node.trainable && node.systemPrompt.trim() === '') {
    check.report({
      code: 'empty_trainable_prompt',
      severity: 'warning',
      ...check.at('systemPrompt'),
      message: `Node "${node.id}" is trainable but its system prompt is empty; the optimizer will have to write it from nothing. Give it a first instruction.`,
    });
  }
}
