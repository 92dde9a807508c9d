import { CODE_NODE_PARAMS, syntaxErrorOf } from '../code/function-runner';
import { parseTemplate } from './template';
import type { ValidationScope } from './validate-edges';

/**
 * Per-node checks: templates against the edges that feed them, empty prompts and code, duplicate
 * input fields, and output nodes with other than one incoming edge.
 */
export function checkNodes({ workflow, index, report }: ValidationScope): void {
  const outputByTargetKey = new Map<string, string>();
  // One pass over the edges up front keeps the whole check O(V+E) on large graphs.
  const edgePosition = new Map(workflow.edges.map((edge, i) => [edge, i]));
  const boundInputs = new Map<string, Set<string>>();
  for (const edge of workflow.edges) {
    // Dangling edges count as bindings too: the dangling_edge error already names that fault.
    const set = boundInputs.get(edge.target) ?? new Set<string>();
    set.add(edge.targetInput);
    boundInputs.set(edge.target, set);
  }
  workflow.nodes.forEach((node, i) => {
    if (index.nodeById.get(node.id) !== node) return; // a duplicate id, already reported
    const at = (field: string) => ({ nodeId: node.id, field, path: `nodes[${i}].${field}` });
    const incoming = index.incoming.get(node.id) ?? [];
    switch (node.kind) {
      case 'input': {
        const seen = new Set<string>();
        node.fields.forEach((field, j) => {
          if (seen.has(field)) {
            report({
              code: 'duplicate_input_field',
              severity: 'warning',
              ...at(`fields[${j}]`),
              message: `Input node "${node.id}" lists field "${field}" twice.`,
            });
          }
          seen.add(field);
        });
        break;
      }
      case 'llm': {
        const template = parseTemplate(node.userTemplate);
        const used = new Set<string>();
        for (const segment of template.segments) if (segment.kind === 'variable') used.add(segment.name);
        const bound = boundInputs.get(node.id) ?? new Set<string>();
        for (const name of used) {
          if (!bound.has(name)) {
            report({
              code: 'unbound_template_variable',
              severity: 'error',
              ...at('userTemplate'),
              message: `The user template of node "${node.id}" uses {{${name}}}, but no edge into it has targetInput "${name}".`,
            });
          }
        }
        for (const edge of incoming) {
          if (!used.has(edge.targetInput)) {
            report({
              code: 'unused_input',
              severity: 'warning',
              edgeId: edge.id,
              field: 'targetInput',
              path: `edges[${edgePosition.get(edge)}].targetInput`,
              message: `Edge "${edge.id}" feeds input "${edge.targetInput}" of node "${node.id}", but its user template never uses {{${edge.targetInput}}}, so the model never sees that value.`,
            });
          }
        }
        for (const bad of template.malformed) {
          report({
            code: 'malformed_template',
            severity: 'warning',
            ...at('userTemplate'),
            message: `The user template of node "${node.id}" has "${bad.excerpt}", which is not a placeholder; write {{name}} with a letter-first name, or \\{{ for literal braces.`,
          });
        }
        if (node.userTemplate.trim() === '') {
          report({
            code: 'empty_user_template',
            severity: 'warning',
            ...at('userTemplate'),
            message: `Node "${node.id}" has an empty user template, so the model receives no input from the graph.`,
          });
        }
        if (node.trainable && node.systemPrompt.trim() === '') {
          report({
            code: 'empty_trainable_prompt',
            severity: 'warning',
            ...at('systemPrompt'),
            message: `Node "${node.id}" is trainable but its system prompt is empty; the optimizer will have to write it from nothing. Give it a first instruction.`,
          });
        }
        break;
      }
      case 'code':
        if (node.code.trim() === '') {
          report({
            code: 'empty_code',
            severity: 'error',
            ...at('code'),
            message: `Code node "${node.id}" has no code; write a function body that returns a string.`,
          });
        } else {
          const syntax = syntaxErrorOf(node.code, CODE_NODE_PARAMS);
          if (syntax !== undefined) {
            report({
              code: 'code_syntax_error',
              severity: 'error',
              ...at('code'),
              message: `The code of node "${node.id}" does not compile: ${syntax}.`,
            });
          }
        }
        break;
      case 'output': {
        if (incoming.length === 0) {
          report({
            code: 'output_without_input',
            severity: 'error',
            nodeId: node.id,
            path: `nodes[${i}]`,
            message: `Output node "${node.id}" has no incoming edge, so it never receives an answer.`,
          });
        } else if (incoming.length > 1) {
          report({
            code: 'output_multiple_inputs',
            severity: 'error',
            nodeId: node.id,
            path: `nodes[${i}]`,
            message: `Output node "${node.id}" has ${incoming.length} incoming edges (${incoming.map((e) => `"${e.id}"`).join(', ')}); an output scores exactly one value.`,
          });
        }
        const other = outputByTargetKey.get(node.targetKey);
        if (other !== undefined) {
          report({
            code: 'duplicate_target_key',
            severity: 'warning',
            ...at('targetKey'),
            message: `Output nodes "${other}" and "${node.id}" are both scored against "${node.targetKey}".`,
          });
        } else outputByTargetKey.set(node.targetKey, node.id);
        break;
      }
    }
  });
}
