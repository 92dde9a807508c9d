import * as z from 'zod';

/**
 * How an example's final answer is scored. Stored in the workflow document so that a workflow
 * carries its own objective; the evaluators themselves live in `loss/`.
 */
export const lossSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('exact'),
      caseSensitive: z.boolean().default(false),
      trim: z.boolean().default(true),
      collapseWhitespace: z.boolean().default(true),
      stripPunctuation: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('numeric'),
      /** Absolute tolerance: |expected - actual| <= tolerance scores 1. */
      tolerance: z.number().nonnegative().default(1e-6),
    })
    .strict(),
  z
    .object({
      kind: z.literal('choice'),
      /** Allowed labels, e.g. ["(A)", "(B)"] or ["Yes", "No"]; empty means "any label the target uses". */
      labels: z.array(z.string()).default([]),
    })
    .strict(),
  z.object({ kind: z.literal('contains'), caseSensitive: z.boolean().default(false) }).strict(),
  /** HotpotQA/SQuAD token F1 of the answer after the official normalisation (loss/token-f1.ts). */
  z.object({ kind: z.literal('f1') }).strict(),
  /** HotpotQA/SQuAD exact match after the official normalisation. */
  z.object({ kind: z.literal('em') }).strict(),
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1), flags: z.string().default('') }).strict(),
  z
    .object({
      kind: z.literal('judge'),
      rubric: z.string().min(1),
      /** Scores at or above this count as a pass when a pass/fail split is needed. */
      passThreshold: z.number().min(0).max(1).default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('js'),
      /** Body of `function (output, target, example) { ... }` returning a number or {score, feedback}. */
      code: z.string().min(1),
    })
    .strict(),
]);

/** A loss as stored in a workflow document. */
export type LossSpec = z.infer<typeof lossSpecSchema>;

/**
 * The loss of a document that names none, and of a new workflow: exact match with the schema's
 * defaults (forgiving case and whitespace, strict about punctuation).
 */
export const DEFAULT_LOSS: LossSpec = Object.freeze(lossSpecSchema.parse({ kind: 'exact' }));
