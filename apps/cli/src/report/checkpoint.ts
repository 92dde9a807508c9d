import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATASET_JSON_LIMITS,
  type Example,
  findForbiddenKeys,
  isPlainObject,
  joinSessionState,
  parseJsonText,
  parseWorkflow,
  type ReportFold,
  reviveReportFold,
  type SessionData,
  type SessionProgress,
  type SessionState,
  splitSessionState,
  type TestSplitScore,
} from '@backflow/engine';
import { dataError } from '../cli/exit-codes';
import { readTextFile, writeFileAtomic } from '../cli/files';
import type { CallStats } from '../providers/build-models';
import type { ProviderOptions } from '../providers/provider-options';
import { oneLine } from './run-result';

/** What `optimize` was asked to do, kept so `--resume <dir>` needs no other flag. */
export interface OptimizeRunInfo {
  workflowFile: string;
  workflowId: string;
  workflowName: string;
  dataFile: string;
  valFile?: string;
  /** Provider flags of the first run (never the key itself: only the name of its variable). */
  provider: ProviderOptions;
  startedAt: string;
  /** The recipe the run follows (`--recipe`), when it follows one. */
  recipe?: string;
  /** Held-out test examples (a recipe's test split or `--test FILE`), scored once after the run. */
  test?: { file: string; examples: Example[] };
}

/**
 * Call statistics and wall time summed over every process that worked on the run up to the
 * checkpoint (from the provider layer's call records; replays from the session journal are not
 * calls and are not counted).
 */
export interface CliCounters extends Omit<CallStats, 'cachedInputTokens'> {
  /** Absent in checkpoints written before prompt caching was counted. */
  cachedInputTokens?: number;
  wallMs: number;
  /** How many times the run was resumed. */
  resumes: number;
}

/**
 * A run's checkpoint as the command holds it: the session state plus everything the report needs.
 * On disk it is two files (version 2): `data.json`, written once, with what the run never changes
 * (its examples, the workflow it started from, the test split), and `checkpoint.json`, rewritten
 * after every unit, with the rest; so a unit's write does not grow with the dataset. Version 1
 * (one file with everything) still loads.
 */
export interface CliCheckpoint {
  format: 'backflow.cli-checkpoint';
  version: 1 | 2;
  savedAt: string;
  run: OptimizeRunInfo;
  session: SessionState;
  /** The engine's fold of the session events so far (the report's iterations). */
  collector: ReportFold;
  counters: CliCounters;
  /** Bytes of calls.jsonl written up to this checkpoint; `--resume` cuts the file back to it. */
  callLogBytes?: number;
  /** The test split's score once measured (a resume after it does not score again). */
  testScore?: TestSplitScore;
  /** Hash of the data written to `data.json` (set once it is written). */
  dataHash?: string;
}

/** `<dir>/data.json`: the part of a run that never changes, written once. */
interface CliRunData {
  format: 'backflow.cli-run-data';
  version: 1;
  session: SessionData;
  testExamples?: Example[];
}

/** The checkpoint's path inside an output directory. */
export function checkpointPath(dir: string): string {
  return join(dir, 'checkpoint.json');
}

/** The run data's path inside an output directory. */
export function runDataPath(dir: string): string {
  return join(dir, 'data.json');
}

/**
 * Saves a checkpoint atomically (temp file + rename): a kill never leaves a torn checkpoint. The
 * first save also writes `data.json`; later saves write only what changed since the run began.
 */
export async function saveCheckpoint(dir: string, checkpoint: CliCheckpoint): Promise<void> {
  const { data, progress } = splitSessionState(checkpoint.session, checkpoint.dataHash);
  if (checkpoint.dataHash === undefined) {
    const runData: CliRunData = {
      format: 'backflow.cli-run-data',
      version: 1,
      session: data,
      ...(checkpoint.run.test ? { testExamples: checkpoint.run.test.examples } : {}),
    };
    await writeFileAtomic(runDataPath(dir), `${JSON.stringify(runData)}\n`);
    checkpoint.dataHash = data.hash;
  }
  const { test, ...run } = checkpoint.run;
  const onDisk = {
    ...checkpoint,
    version: 2,
    run: { ...run, ...(test ? { test: { file: test.file } } : {}) },
    session: progress,
  };
  await writeFileAtomic(checkpointPath(dir), `${JSON.stringify(onDisk)}\n`);
}

/** Reads `<dir>/checkpoint.json` for `--resume`; a missing or foreign file is a data error (exit 1). */
export async function loadCheckpoint(dir: string): Promise<CliCheckpoint> {
  const path = checkpointPath(dir);
  if (!existsSync(path)) {
    throw dataError(`cannot resume: ${path} does not exist (was --out ${dir} used by an optimize run?).`);
  }
  const json = parseJsonText(await readTextFile(path, 'checkpoint'), DATASET_JSON_LIMITS);
  if (!json.ok) throw dataError(`cannot resume: ${path}: ${oneLine(json.problem.message)}`);
  const checkpoint = json.value as Partial<CliCheckpoint>;
  const version = checkpoint?.version;
  if (
    checkpoint?.format !== 'backflow.cli-checkpoint' ||
    (version !== 1 && version !== 2) ||
    !checkpoint.session
  ) {
    throw dataError(`cannot resume: ${path} is not a backflow optimize checkpoint (version 1 or 2).`);
  }
  // Nothing we write has these keys; a file that has them was edited, and merging it could
  // rewrite prototypes.
  const forbidden = findForbiddenKeys(checkpoint)[0];
  if (forbidden) throw dataError(`cannot resume: ${path} has the forbidden key "${forbidden.path}".`);
  // Version 1 holds everything; its first save writes data.json and turns it into version 2.
  const whole =
    version === 1
      ? ({ ...(checkpoint as CliCheckpoint), dataHash: undefined } as CliCheckpoint)
      : await joinRunData(dir, checkpoint as CliCheckpoint & { session: unknown });
  const damage = checkpointDamage(whole);
  if (damage) throw dataError(`cannot resume: ${path} is damaged: ${damage}.`);
  // A checkpoint written before the fold gained fields resumes with them empty.
  return { ...whole, collector: reviveReportFold(whole.collector) };
}

/** Puts a version-2 checkpoint back together with its `data.json`. */
async function joinRunData(
  dir: string,
  checkpoint: CliCheckpoint & { session: unknown },
): Promise<CliCheckpoint> {
  const path = runDataPath(dir);
  if (!existsSync(path))
    throw dataError(`cannot resume: ${path} is missing (the checkpoint beside it needs it).`);
  const json = parseJsonText(await readTextFile(path, 'checkpoint'), DATASET_JSON_LIMITS);
  if (!json.ok) throw dataError(`cannot resume: ${path}: ${oneLine(json.problem.message)}`);
  const data = json.value as Partial<CliRunData>;
  if (data?.format !== 'backflow.cli-run-data' || data.version !== 1 || !data.session) {
    throw dataError(`cannot resume: ${path} is not a backflow run data file (version 1).`);
  }
  const forbidden = findForbiddenKeys(data)[0];
  if (forbidden) throw dataError(`cannot resume: ${path} has the forbidden key "${forbidden.path}".`);
  let session: SessionState;
  try {
    session = joinSessionState(data.session, checkpoint.session as unknown as SessionProgress);
  } catch (error) {
    throw dataError(`cannot resume: ${oneLine((error as Error).message)}`);
  }
  const test = checkpoint.run.test;
  const run = test
    ? { ...checkpoint.run, test: { file: test.file, examples: data.testExamples ?? [] } }
    : checkpoint.run;
  return { ...checkpoint, run, session, dataHash: data.session.hash };
}

/**
 * What is missing or malformed in a checkpoint that has the right header (a hand-edited or
 * truncated-then-repaired file), checked before anything reads it; the session state itself is
 * checked by `Session.fromState`. Returns undefined when the parts the CLI reads are there.
 */
function checkpointDamage(checkpoint: Partial<CliCheckpoint>): string | undefined {
  if (!isPlainObject(checkpoint.run) || !isPlainObject(checkpoint.run.provider))
    return 'its "run" settings are missing';
  if (typeof checkpoint.run.workflowFile !== 'string') return '"run.workflowFile" is missing';
  if (!isPlainObject(checkpoint.counters) || typeof checkpoint.counters.resumes !== 'number')
    return 'its "counters" are missing';
  if (!isPlainObject(checkpoint.collector)) return 'its "collector" state is missing';
  if (!isPlainObject(checkpoint.session)) return 'its "session" is not an object';
  const workflow = parseWorkflow(checkpoint.session.workflow);
  if (!workflow.ok)
    return `its workflow is not valid (${oneLine(workflow.problems[0]?.message ?? 'unknown')})`;
  return undefined;
}
