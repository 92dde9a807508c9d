import type { AlgorithmDefinition } from './definition';
import { gtbpAlgorithm } from './gtbp';
import { sembpAlgorithm } from './sembp';
import { textgradAlgorithm } from './textgrad';

/**
 * Every algorithm a session can run, by the name `settings.algorithm` holds. Adding one is its
 * folder plus one line here (and its task payloads in prompts/tasks.ts's union); the walk, the
 * call counts, the settings and blame look it up instead of switching on the name. The key order
 * is the order pickers list them in.
 */
export const algorithmRegistry = {
  gtbp: gtbpAlgorithm,
  sembp: sembpAlgorithm,
  textgrad: textgradAlgorithm,
} satisfies Record<string, AlgorithmDefinition>;

/** The algorithms Backflow implements. */
export type AlgorithmName = keyof typeof algorithmRegistry;

/** Every registered name, in registry order (non-empty, as `z.enum` wants it). */
export const ALGORITHM_NAMES = Object.keys(algorithmRegistry) as [AlgorithmName, ...AlgorithmName[]];

/** The definition registered under `name`. */
export function algorithmDefinition(name: AlgorithmName): AlgorithmDefinition {
  return algorithmRegistry[name];
}
