import * as z from 'zod';
import { inputNodeTrace } from '../forward/node-steps';
import { nodeSchema } from '../graph/node-common';
import { type NodeKindDefinition, promptlessTaskNode } from './definition';

/** Named fields of a dataset example enter the graph here. */
export const inputNodeSchema = nodeSchema('input', {
  /** The example fields this node exposes, e.g. ["question"]. */
  fields: z.array(z.string().min(1)).min(1),
});
export type InputNode = z.infer<typeof inputNodeSchema>;

/** Named fields of a dataset example enter the graph here. */
export const inputNodeKind: NodeKindDefinition<InputNode> = {
  kind: 'input',
  schema: inputNodeSchema,
  label: 'Input node',
  create: (id, position) => ({ id, kind: 'input', label: 'Input', position, fields: ['question'] }),
  takesInputs: false,
  feedsOthers: true,
  exampleFields: (node) => node.fields,
  step: false,
  forward: { calls: false, trace: (node, { example }) => inputNodeTrace(node, example) },
  validate(node, check) {
    const seen = new Set<string>();
    node.fields.forEach((field, j) => {
      if (seen.has(field)) {
        check.report({
          code: 'duplicate_input_field',
          severity: 'warning',
          ...check.at(`fields[${j}]`),
          message: `Input node "${node.id}" lists field "${field}" twice.`,
        });
      }
      seen.add(field);
    });
  },
  taskNode: (node) => promptlessTaskNode(node, node.label ?? 'example fields'),
  inputRole: (node, field) => `the example's "${field ?? node.fields[0] ?? ''}" field`,
};
