/**
 * Reads what `backflow experiment` runs: the arms (algorithm names, or a JSON file of named
 * settings for ablations), the seeds, the test split, and the grid's preflight estimate.
 */
import {
  ALGORITHMS,
  type AlgorithmName,
  type Example,
  type ExperimentArm,
  JSON_LIMITS,
  parseJsonText,
  type SessionSettingsInput,
  sessionSettingsInputSchema,
} from '@backflow/engine';
import { readInt } from '../cli/args';
import { dataError, usageError } from '../cli/exit-codes';
import { readTextFile } from '../cli/files';
import { oneLine } from '../report/run-result';

/**
 * `--arms a,b,c`: each an algorithm name run with the shared settings; or `--arms-file F`: a JSON
 * array of `{ name, settings }` whose settings are parsed like a session's (the shared flags fill
 * what an arm leaves out).
 */
export async function readArms(
  values: { arms?: string; 'arms-file'?: string },
  shared: Omit<SessionSettingsInput, 'algorithm'>,
  path: (file: string) => string,
): Promise<ExperimentArm[]> {
  if (values.arms !== undefined && values['arms-file'] !== undefined)
    throw usageError('give either --arms or --arms-file, not both.');
  if (values['arms-file'] !== undefined) {
    const file = values['arms-file'];
    // Size and nesting are checked before parsing, as for every JSON file the CLI reads.
    const parsed = parseJsonText(await readTextFile(path(file), 'arms file'), JSON_LIMITS);
    if (!parsed.ok) throw dataError(`arms file ${file}: ${oneLine(parsed.problem.message)}`);
    const raw = parsed.value;
    if (!Array.isArray(raw) || raw.length === 0)
      throw dataError(`arms file ${file} must be a non-empty JSON array of { "name", "settings" }.`);
    return raw.map((entry, i) => {
      const name = (entry as { name?: unknown })?.name;
      if (typeof name !== 'string' || name.trim() === '')
        throw dataError(`arms file ${file}: arm ${i + 1} has no "name".`);
      const parsed = sessionSettingsInputSchema.safeParse({
        ...shared,
        ...(entry as { settings?: object }).settings,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw dataError(
          `arms file ${file}: arm "${name}": ${issue.path.join('.') || 'settings'}: ${issue.message}`,
        );
      }
      return { name, settings: parsed.data };
    });
  }
  const names = (values.arms ?? ALGORITHMS.join(',')).split(',').map((s) => s.trim());
  return names.map((name) => {
    if (!(ALGORITHMS as readonly string[]).includes(name))
      throw usageError(
        `--arms takes algorithm names (${ALGORITHMS.join(', ')}); got "${name}". Use --arms-file for ablations.`,
      );
    return { name, settings: { ...shared, algorithm: name as AlgorithmName } };
  });
}

/** `--seeds 1,2,3` (those seeds) or `--seeds 5` (seeds 1 to 5); default 1 to 5. */
export function readSeeds(raw: string | undefined): number[] {
  if (raw === undefined) return [1, 2, 3, 4, 5];
  if (!raw.includes(',')) {
    const count = readInt('seeds', raw, { min: 1, max: 1000 })!;
    return Array.from({ length: count }, (_, i) => i + 1);
  }
  const seeds = raw.split(',').map((s) => readInt('seeds', s.trim(), { min: 0 })!);
  if (new Set(seeds).size !== seeds.length) throw usageError(`--seeds lists a seed twice: ${raw}.`);
  return seeds;
}

/** The test split: `--test FILE`'s examples, else those of the data labelled `test`. */
export function requireTest(test: Example[], shownAs: string): Example[] {
  if (test.length === 0)
    throw dataError(
      `${shownAs} has no test examples: give --test FILE, or label held-out examples "test" in --data.`,
    );
  return test;
}
