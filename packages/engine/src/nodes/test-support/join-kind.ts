import * as z from 'zod';
import type { BoundInputs } from '../../forward/node-steps';
import type { NodeTrace } from '../../forward/types';
import { nodeSchema } from '../../graph/node-common';
import type { WorkflowNode } from '../../graph/schema';
import { type NodeCheck, type NodeKindDefinition, promptlessTaskNode } from '../definition';

/**
 * A throwaway node kind for tests: joins its inputs, in input-name order, with its separator. It
 * is one file, as a real kind is; `new-kind.test.ts` registers it and drives the engine through it.
 */
export const joinNodeSchema = nodeSchema('join', { separator: z.string().default('\n') });
export type JoinNode = z.infer<typeof joinNodeSchema>;

function joinTrace(node: JoinNode, bound: BoundInputs): NodeTrace {
  if (!bound.ok) return { nodeId: node.id, status: 'error', inputs: {}, error: bound.error };
  const names = Object.keys(bound.inputs).sort();
  const output = names.map((name) => bound.inputs[name]).join(node.separator);
  return { nodeId: node.id, status: 'ok', inputs: bound.inputs, output };
}

/** Its definition; cast at the end because `NodeKind` (from the real list) does not name it. */
export const joinNodeKind = {
  kind: 'join',
  schema: joinNodeSchema,
  label: 'Join node',
  create: (id: string, position: { x: number; y: number }): JoinNode => ({
    id,
    kind: 'join',
    label: 'Join',
    position,
    separator: '\n',
  }),
  takesInputs: true,
  feedsOthers: true,
  step: false,
  forward: {
    calls: false,
    trace: (node: JoinNode, at: { bind: () => BoundInputs }) => joinTrace(node, at.bind()),
  },
  validate(node: JoinNode, check: NodeCheck) {
    if (check.incoming.length === 0) {
      check.report({
        code: 'output_without_input',
        severity: 'error',
        nodeId: node.id,
        path: `nodes[${check.position}]`,
        message: `Join node "${node.id}" has nothing to join.`,
      });
    }
  },
  taskNode: (node: JoinNode) =>
    promptlessTaskNode(node as unknown as WorkflowNode, node.label ?? 'joined inputs'),
  inputRole: () => 'the joined inputs',
} as unknown as NodeKindDefinition;
