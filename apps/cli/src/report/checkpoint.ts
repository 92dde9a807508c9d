import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionState } from '@backflow/engine/optim/state.ts';
import { type ReportFold, reviveReportFold } from '@backflow/engine/report/fold.ts';
import { dataError } from '../cli/exit-codes';
import { writeFileAtomic } from '../cli/files';
import type { CallStats } from '../providers/build-models';
import type { ProviderOptions } from '../providers/provider-options';

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
  /** The engine's fold of the session events so far (the report's iterations). */
  collector: ReportFold;
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw dataError(`cannot resume: ${path} does not exist (was --out ${dir} used by an optimize run?).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw dataError(`cannot resume: ${path} is not valid JSON (${(error as Error).message}).`);
  }
  const checkpoint = value as Partial<CliCheckpoint>;
  if (checkpoint?.format !== 'backflow.cli-checkpoint' || checkpoint.version !== 1 || !checkpoint.session) {
    throw dataError(`cannot resume: ${path} is not a backflow optimize checkpoint (version 1).`);
  }
  // A checkpoint written before the fold gained fields resumes with them empty.
  return { ...checkpoint, collector: reviveReportFold(checkpoint.collector) } as CliCheckpoint;
}
