import * as z from 'zod';
import { CODE_NODE_PARAMS, syntaxErrorOf } from '../code/function-runner';
import { runCodeNode } from '../forward/node-steps';
import { nodeSchema } from '../graph/node-common';
import { type NodeKindDefinition, promptlessTaskNode } from './definition';

/** A deterministic JavaScript transform; never tuned. */
export const codeNodeSchema = nodeSchema('code', {
  role: z.string().max(2000).default(''),
  /** Body of `function (inputs) { ... }` that returns a string; `inputs` maps input names to strings. */
  code: z.string(),
});
export type CodeNode = z.infer<typeof codeNodeSchema>;

/** A deterministic JavaScript transform: a step of the walk, never tuned. */
export const codeNodeKind: NodeKindDefinition<CodeNode> = {
  kind: 'code',
  schema: codeNodeSchema,
  label: 'Code node',
  create: (id, position) => ({
    id,
    kind: 'code',
    label: 'Code',
    position,
    role: '',
    code: 'return Object.values(inputs).join("\\n");',
  }),
  takesInputs: true,
  feedsOthers: true,
  texts: (node) => [['code', node.code]],
  step: true,
  forward: {
    calls: true,
    run: ({ node, inputs, code }) =>
      runCodeNode(code.runner, node, inputs, { timeoutMs: code.timeoutMs, signal: code.signal }),
  },
  validate(node, check) {
    if (node.code.trim() === '') {
      check.report({
        code: 'empty_code',
        severity: 'error',
        ...check.at('code'),
        message: `Code node "${node.id}" has no code; write a function body that returns a string.`,
      });
      return;
    }
    const syntax = syntaxErrorOf(node.code, CODE_NODE_PARAMS);
    if (syntax !== undefined) {
      check.report({
        code: 'code_syntax_error',
        severity: 'error',
        ...check.at('code'),
        message: `The code of node "${node.id}" does not compile: ${syntax}.`,
      });
    }
  },
  taskNode: (node) => ({ ...promptlessTaskNode(node, node.role), code: node.code }),
  inputRole: (node) => node.role,
};
