import * as z from 'zod';
import { outputNodeTrace } from '../forward/node-steps';
import { nodeSchema } from '../graph/node-common';
import { type NodeKindDefinition, promptlessTaskNode } from './definition';

/** The workflow's answer. Its single incoming edge carries the value that the loss scores. */
export const outputNodeSchema = nodeSchema('output', {
  /**
   * Which expected value this output is scored against: `target` (the example's main target) or
   * a key of the example's `targets` map, for workflows with several outputs.
   */
  targetKey: z.string().min(1).default('target'),
});
export type OutputNode = z.infer<typeof outputNodeSchema>;

/** The workflow's answer: its single incoming edge carries the value the loss scores. */
export const outputNodeKind: NodeKindDefinition<OutputNode> = {
  kind: 'output',
  schema: outputNodeSchema,
  label: 'Output node',
  create: (id, position) => ({ id, kind: 'output', label: 'Output', position, targetKey: 'target' }),
  takesInputs: true,
  feedsOthers: false,
  answerKey: (node) => node.targetKey,
  soleInput: 'value',
  step: false,
  forward: { calls: false, trace: (_node, { planned, bind }) => outputNodeTrace(planned, bind()) },
  validate(node, check) {
    const { incoming } = check;
    if (incoming.length === 0) {
      check.report({
        code: 'output_without_input',
        severity: 'error',
        nodeId: node.id,
        path: `nodes[${check.position}]`,
        message: `Output node "${node.id}" has no incoming edge, so it never receives an answer.`,
      });
    } else if (incoming.length > 1) {
      check.report({
        code: 'output_multiple_inputs',
        severity: 'error',
        nodeId: node.id,
        path: `nodes[${check.position}]`,
        message: `Output node "${node.id}" has ${incoming.length} incoming edges (${incoming.map((e) => `"${e.id}"`).join(', ')}); an output scores exactly one value.`,
      });
    }
    const other = check.firstClaim(`targetKey\n${node.targetKey}`, node.id);
    if (other !== undefined) {
      check.report({
        code: 'duplicate_target_key',
        severity: 'warning',
        ...check.at('targetKey'),
        message: `Output nodes "${other}" and "${node.id}" are both scored against "${node.targetKey}".`,
      });
    }
  },
  taskNode: (node) => promptlessTaskNode(node, node.label ?? 'final answer'),
  inputRole: () => '',
};
