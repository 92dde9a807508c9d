/**
 * Bench 6's dataset-size curve: what a checkpoint costs per unit as the training set grows. One
 * session (a 5-node chain, minibatch 16) is run through its first iteration's forward, loss and
 * backward units on datasets of several sizes; after each unit the state is written the way the
 * CLI writes it (temp file + rename), once whole (checkpoint format 1) and once as the per-unit
 * progress of format 2 (the examples go to a data file written once).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunContext, Session, splitSessionState } from '@backflow/engine';
import type { FigureRow } from './result';
import { median, round } from './stats';
import type { BenchCase } from './workflows';

function timedWrite(dir: string, text: string): number {
  const t0 = performance.now();
  const path = join(dir, 'checkpoint.json');
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  return performance.now() - t0;
}

/** Per-unit checkpoint bytes and write times, whole state against progress only, for `size` examples. */
export async function checkpointCostAt(
  ctx: RunContext,
  bench: BenchCase,
  size: number,
  units = 6,
): Promise<FigureRow> {
  const base = bench.train;
  const train = Array.from({ length: size }, (_, i) => ({ ...base[i % base.length]!, id: `n${i}` }));
  const session = Session.create(ctx, {
    workflow: bench.workflow,
    train,
    val: [],
    settings: { algorithm: 'sembp', iterations: 1, batchSize: 16, errorBatchSize: 4, earlyStop: false },
  });
  const dir = mkdtempSync(join(tmpdir(), 'backflow-bench-ckpt-'));
  const whole: { bytes: number; ms: number }[] = [];
  const progress: { bytes: number; ms: number }[] = [];
  let dataHash: string | undefined;
  let dataBytes = 0;
  try {
    for (let u = 0; u < units && !session.done; u++) {
      await session.step();
      const full = JSON.stringify(session.state);
      whole.push({ bytes: full.length, ms: timedWrite(dir, full) });
      const split = splitSessionState(session.state, dataHash);
      if (dataHash === undefined) {
        dataHash = split.data.hash;
        dataBytes = JSON.stringify(split.data).length;
      }
      const text = JSON.stringify(split.progress);
      progress.push({ bytes: text.length, ms: timedWrite(dir, text) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const kb = (xs: { bytes: number }[]) => round(median(xs.map((x) => x.bytes)) / 1024, 1);
  const ms = (xs: { ms: number }[]) => round(median(xs.map((x) => x.ms)), 2);
  return {
    curve: 'dataset',
    examples: size,
    units: whole.length,
    wholeStateKbPerUnit: kb(whole),
    wholeStateWriteMs: ms(whole),
    progressKbPerUnit: kb(progress),
    progressWriteMs: ms(progress),
    dataKbOnce: round(dataBytes / 1024, 1),
  };
}
