/**
 * The experiment's progress as files in its output directory, so `--resume` continues a grid
 * after a stop, a budget or a killed process: `runs/<key>.json` per finished run and
 * `checkpoints/<key>.json` for the run in progress (each written atomically).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExperimentRun, ExperimentStore } from '@backflow/engine';
import { writeFileAtomic } from '../cli/files';

/** A file name for a run key ("arm@seed"); arm names are the user's, so anything unsafe is encoded. */
function fileName(key: string): string {
  return `${encodeURIComponent(key)}.json`;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as T;
}

/** An {@link ExperimentStore} under `dir`. */
export async function openExperimentStore(dir: string): Promise<ExperimentStore> {
  const runs = join(dir, 'runs');
  const checkpoints = join(dir, 'checkpoints');
  await mkdir(runs, { recursive: true });
  await mkdir(checkpoints, { recursive: true });
  return {
    loadRun: (key) => readJson(join(runs, fileName(key))),
    async saveRun(key, run: ExperimentRun) {
      await writeFileAtomic(join(runs, fileName(key)), `${JSON.stringify(run)}\n`);
      await rm(join(checkpoints, fileName(key)), { force: true });
    },
    loadCheckpoint: (key) => readJson(join(checkpoints, fileName(key))),
    saveCheckpoint: (key, checkpoint) =>
      writeFileAtomic(join(checkpoints, fileName(key)), `${JSON.stringify(checkpoint)}\n`),
  };
}
