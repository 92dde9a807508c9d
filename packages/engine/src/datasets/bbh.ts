import { parseJsonOrThrow } from './text';
import type { Example } from './types';

/**
 * The 27 BIG-Bench Hard tasks, as named by the official files (`bbh/<task>.json` in
 * suzgunmirac/BIG-Bench-Hard) and by semantic backprop's `experiments/data_utils/bbh.py`.
 */
export const BBH_TASKS = [
  'boolean_expressions',
  'causal_judgement',
  'date_understanding',
  'disambiguation_qa',
  'dyck_languages',
  'formal_fallacies',
  'geometric_shapes',
  'hyperbaton',
  'logical_deduction_five_objects',
  'logical_deduction_seven_objects',
  'logical_deduction_three_objects',
  'movie_recommendation',
  'multistep_arithmetic_two',
  'navigate',
  'object_counting',
  'penguins_in_a_table',
  'reasoning_about_colored_objects',
  'ruin_names',
  'salient_translation_error_detection',
  'snarks',
  'sports_understanding',
  'temporal_sequences',
  'tracking_shuffled_objects_five_objects',
  'tracking_shuffled_objects_seven_objects',
  'tracking_shuffled_objects_three_objects',
  'web_of_lies',
  'word_sorting',
] as const;

/** One BBH task name. */
export type BbhTask = (typeof BBH_TASKS)[number];

/** True when `name` is one of the 27 BBH tasks. */
export function isBbhTask(name: string): name is BbhTask {
  return (BBH_TASKS as readonly string[]).includes(name);
}

/**
 * Reads an official BBH task file (`{"canary": ..., "examples": [{"input", "target"}]}`) into
 * examples `bbh-<task>-<i>` (i = index in `examples`) with the input as the `question` field.
 * Throws with the example's index when the file is not that shape.
 */
export function parseBbhTaskFile(text: string, task: BbhTask): Example[] {
  const value = parseJsonOrThrow(text, `BBH ${task}`);
  const examples = (value as { examples?: unknown })?.examples;
  if (!Array.isArray(examples)) throw new Error(`BBH ${task}: expected an object with an "examples" array`);
  return examples.map((raw, i) => {
    const { input, target } = (raw ?? {}) as { input?: unknown; target?: unknown };
    if (typeof input !== 'string' || typeof target !== 'string')
      throw new Error(`BBH ${task}: examples[${i}] needs string "input" and "target"`);
    return { id: `bbh-${task}-${i}`, inputs: { question: input }, target };
  });
}
