import * as z from 'zod';
import {
  backwardModeSchema,
  explanationSchema,
  taskExampleSchema,
  taskExchangeShape,
  taskInputSchema,
  taskNodeSchema,
} from '../../prompts/task-parts';

// GTBP (graph-based target back-propagation): its meta-prompts' payloads and their answer schemas.
// `gtbpTasks` lists the payloads for its definition; prompts/tasks.ts gathers every registered
// algorithm's into the union that is the contract with the simulator.

/** Module inversion: the input closest to the actual one that would produce the target output. */
export const gtbpInvertTaskSchema = z.object({
  task: z.literal('gtbp.invert'),
  node: taskNodeSchema,
  example: taskExampleSchema,
  inputs: z.array(taskInputSchema),
  renderedUserMessage: z.string(),
  output: z.string(),
  targetOutput: z.string(),
  mode: backwardModeSchema.optional(),
});
export const gtbpInvertAnswerSchema = z.object({
  /** Target value per upstream node id; equal to the actual value when that input already fits. */
  targets: z.record(z.string(), z.string()),
  reasoning: z.string().optional(),
  /** Weighed mode: "instruction" when the step's own instruction explains the target better. */
  explanation: explanationSchema,
});

/** Merge several successors' targets for one node into one target. */
export const gtbpReconcileTaskSchema = z.object({
  task: z.literal('gtbp.reconcile'),
  node: taskNodeSchema,
  example: taskExampleSchema,
  output: z.string(),
  candidates: z.array(z.object({ from: z.string(), target: z.string() })),
});
export const gtbpReconcileAnswerSchema = z.object({ target: z.string(), reasoning: z.string().optional() });

/**
 * Stage-wise local update: structured edits of the prompt's claims under an edit budget. The
 * instruction travels once, as `claims`: the node carries no `instruction` (templates @3 on).
 */
export const gtbpEditTaskSchema = z.object({
  task: z.literal('gtbp.edit'),
  node: taskNodeSchema.omit({ instruction: true }),
  claims: z.array(z.object({ id: z.string(), text: z.string() })),
  moduleSet: z.array(z.object({ ...taskExchangeShape, target: z.string() })),
  budget: z.object({ maxEdits: z.number().int().nonnegative(), mayAdd: z.boolean() }),
});
export const gtbpEditAnswerSchema = z.object({
  edits: z.array(
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('replace'), claimId: z.string(), text: z.string() }),
      z.object({ action: z.literal('delete'), claimId: z.string() }),
      z.object({ action: z.literal('add'), text: z.string(), afterClaimId: z.string().optional() }),
    ]),
  ),
  reasoning: z.string().optional(),
});

export type GtbpInvertTask = z.infer<typeof gtbpInvertTaskSchema>;
export type GtbpInvertAnswer = z.infer<typeof gtbpInvertAnswerSchema>;
export type GtbpReconcileTask = z.infer<typeof gtbpReconcileTaskSchema>;
export type GtbpReconcileAnswer = z.infer<typeof gtbpReconcileAnswerSchema>;
export type GtbpEditTask = z.infer<typeof gtbpEditTaskSchema>;
export type GtbpEditAnswer = z.infer<typeof gtbpEditAnswerSchema>;

/** Every payload its meta-prompts carry (its `AlgorithmDefinition.tasks`). */
export const gtbpTasks = [gtbpInvertTaskSchema, gtbpReconcileTaskSchema, gtbpEditTaskSchema] as const;
