import * as z from 'zod';

// The LLM judge's payload and answer (the judge loss). Kept apart from the backward tasks in
// `tasks.ts` (which re-exports these) so that scoring with a judge does not build every
// algorithm's schemas: `backflow run` loads this, not the optimizer's tasks.

export const judgeTaskSchema = z.object({
  task: z.literal('judge'),
  rubric: z.string(),
  input: z.string(),
  output: z.string(),
  target: z.string().optional(),
});
export const judgeAnswerSchema = z.object({ score: z.number().min(0).max(1), feedback: z.string() });

export type JudgeTask = z.infer<typeof judgeTaskSchema>;
export type JudgeAnswer = z.infer<typeof judgeAnswerSchema>;
