import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow } from '@backflow/engine/graph/document.ts';
import { DATASET_JSON_LIMITS } from '@backflow/engine/graph/json-limits.ts';
import { findForbiddenKeys, parseJsonText } from '@backflow/engine/graph/raw-json.ts';
import type { SessionState } from '@backflow/engine/optim/state.ts';
import { dataError } from '../cli/exit-codes';
import { readTextFile, writeFileAtomic } from '../cli/files';
import type { CallStats } from '../providers/build-models';
import type { ProviderOptions } from '../providers/provider-options';
import type { CollectorState } from './collector';
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
}

/**
 * Call statistics and wall time summed over every process that worked on the run up to the
 * checkpoint (from the provider layer's call records; replays from the session journal are not
 * calls and are not counted).
 */
export interface CliCounters extends CallStats {
  wallMs: number;
  /** How many times the run was resumed. */
  resumes: number;
}

/** `<dir>/checkpoint.json`: the session state plus everything the report needs. */
export interface CliCheckpoint {
  format: 'backflow.cli-checkpoint';
  version: 1;
  savedAt: string;
  run: OptimizeRunInfo;
  session: SessionState;
  collector: CollectorState;
  counters: CliCounters;
  /** Bytes of calls.jsonl written up to this checkpoint; `--resume` cuts the file back to it. */
  callLogBytes?: number;
}

/** The checkpoint's path inside an output directory. */
export function checkpointPath(dir: string): string {
  return join(dir, 'checkpoint.json');
}

/** Saves a checkpoint atomically (temp file + rename): a kill never leaves a torn checkpoint. */
export async function saveCheckpoint(dir: string, checkpoint: CliCheckpoint): Promise<void> {
  await writeFileAtomic(checkpointPath(dir), `${JSON.stringify(checkpoint)}\n`);
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
  if (checkpoint?.format !== 'backflow.cli-checkpoint' || checkpoint.version !== 1 || !checkpoint.session) {
    throw dataError(`cannot resume: ${path} is not a backflow optimize checkpoint (version 1).`);
  }
  // Nothing we write has these keys; a file that has them was edited, and merging it could
  // rewrite prototypes.
  const forbidden = findForbiddenKeys(checkpoint)[0];
  if (forbidden) throw dataError(`cannot resume: ${path} has the forbidden key "${forbidden.path}".`);
  const damage = checkpointDamage(checkpoint);
  if (damage) throw dataError(`cannot resume: ${path} is damaged: ${damage}.`);
  return checkpoint as CliCheckpoint;
}

/**
 * What is missing or malformed in a checkpoint that has the right header (a hand-edited or
 * truncated-then-repaired file), checked before anything reads it; the session state itself is
 * checked by `Session.fromState`. Returns undefined when the parts the CLI reads are there.
 */
function checkpointDamage(checkpoint: Partial<CliCheckpoint>): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(checkpoint.run) || !isObject(checkpoint.run.provider))
    return 'its "run" settings are missing';
  if (typeof checkpoint.run.workflowFile !== 'string') return '"run.workflowFile" is missing';
  if (!isObject(checkpoint.counters) || typeof checkpoint.counters.resumes !== 'number')
    return 'its "counters" are missing';
  if (!isObject(checkpoint.collector)) return 'its "collector" state is missing';
  if (!isObject(checkpoint.session)) return 'its "session" is not an object';
  const workflow = parseWorkflow(checkpoint.session.workflow);
  if (!workflow.ok)
    return `its workflow is not valid (${oneLine(workflow.problems[0]?.message ?? 'unknown')})`;
  return undefined;
}
