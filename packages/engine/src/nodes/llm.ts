import { runLlmNode } from '../forward/node-steps';
import type { LlmNode } from '../graph/schema';
import { parseTemplate } from '../graph/template';
import type { NodeCheck, NodeKindDefinition } from './definition';

/** An LLM call: the system prompt is the tunable parameter; the user template wires inputs in. */
export const llmNodeKind: NodeKindDefinition<LlmNode> = {
  kind: 'llm',
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
