import type { LossSpec } from '../graph/loss-spec';
import { type Workflow, workflowSchema } from '../graph/schema';

/** One trainable llm node of a recipe graph. */
export interface RecipeStep {
  id: string;
  label: string;
  role: string;
  systemPrompt: string;
  userTemplate: string;
  /** Column on the canvas (0 = the input node's). */
  column: number;
}

/** An edge: `[source, target, targetInput]`, plus the input field for an edge from the input node. */
export type RecipeEdge = [source: string, target: string, targetInput: string, sourceField?: string];

/**
 * A recipe's workflow document: one input node `input` exposing `fields`, the steps, and an output
 * node fed by `answerFrom`. Steps of one column are stacked; the document is parsed by the
 * workflow schema, so defaults are filled in and a mistake here fails loudly.
 */
export function recipeWorkflow(args: {
  id: string;
  name: string;
  description: string;
  fields: string[];
  steps: RecipeStep[];
  edges: RecipeEdge[];
  answerFrom: string;
  loss: LossSpec;
  model: string;
  temperature?: number;
}): Workflow {
  const rowInColumn = new Map<number, number>();
  const place = (column: number) => {
    const row = rowInColumn.get(column) ?? 0;
    rowInColumn.set(column, row + 1);
    return { x: column * 320, y: row * 160 };
  };
  const lastColumn = Math.max(0, ...args.steps.map((s) => s.column)) + 1;
  const nodes = [
    { id: 'input', kind: 'input', label: 'Example', position: place(0), fields: args.fields },
    ...args.steps.map(({ column, ...step }) => ({
      ...step,
      kind: 'llm',
      trainable: true,
      position: place(column),
    })),
    { id: 'answer', kind: 'output', label: 'Answer', position: place(lastColumn), targetKey: 'target' },
  ];
  const edges = [...args.edges, [args.answerFrom, 'answer', 'value'] as RecipeEdge].map(
    ([source, target, targetInput, sourceField]) => ({
      id: `e_${source}_${target}_${targetInput}`,
      source,
      target,
      targetInput,
      ...(sourceField ? { sourceField } : {}),
    }),
  );
  return workflowSchema.parse({
    format: 'backflow.workflow',
    version: 1,
    id: args.id,
    name: args.name,
    description: args.description,
    nodes,
    edges,
    loss: args.loss,
    defaults: {
      model: args.model,
      ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
    },
  });
}
