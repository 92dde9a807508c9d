/**
 * Bench 6's dataset-size curves: what a checkpoint costs per unit as the training set grows. One
 * session (a 5-node chain, minibatch 16) is run through its first iteration's forward, loss and
 * backward units on datasets of several sizes; after each unit the state is written the way the
 * CLI writes it (temp file + rename), once whole (checkpoint format 1) and once as the per-unit
 * progress of format 2 (the examples go to a data file written once). The studio's curve takes
 * the checkpoint messages its engine Worker posts (the engine's `SessionController`, which the
 * Worker's host is a thin switch over) and what the page then writes to IndexedDB: before, the
 * whole session state after every unit; now, the progress part, with the data in the first one.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckpointEvent,
  joinSessionState,
  type RunContext,
  Session,
  SessionController,
  type SessionInit,
  splitSessionState,
} from '@backflow/engine';
import type { FigureRow } from './result';
import { median, round } from './stats';
import type { BenchCase } from './workflows';

/** The median size of `xs` in KB, and the median of their times in ms. */
const kb = (xs: { bytes: number }[]) => round(median(xs.map((x) => x.bytes)) / 1024, 1);
const ms = (xs: { ms: number }[]) => round(median(xs.map((x) => x.ms)), 2);

function timedWrite(dir: string, text: string): number {
  const t0 = performance.now();
  const path = join(dir, 'checkpoint.json');
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  return performance.now() - t0;
}

/** The curve's session: `bench`'s workflow on `size` training examples (its own cycled). */
function sessionInit(bench: BenchCase, size: number): SessionInit {
  const base = bench.train;
  const train = Array.from({ length: size }, (_, i) => ({ ...base[i % base.length]!, id: `n${i}` }));
  return {
    workflow: bench.workflow,
    train,
    val: [],
    settings: { algorithm: 'sembp', iterations: 1, batchSize: 16, errorBatchSize: 4, earlyStop: false },
  };
}

/** Per-unit checkpoint bytes and write times, whole state against progress only, for `size` examples. */
export async function checkpointCostAt(
  ctx: RunContext,
  bench: BenchCase,
  size: number,
  units = 6,
): Promise<FigureRow> {
  const session = Session.create(ctx, sessionInit(bench, size));
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

/**
 * The studio's per-unit checkpoint for `size` examples: bytes of the message its engine Worker
 * posts and the page stores after each unit, and the time to clone it (what `postMessage` and
 * IndexedDB each do to a value), before (the whole state) and now (the progress part; the data part
 * rides once, on the run's first checkpoint).
 */
export async function studioCheckpointCostAt(
  ctx: RunContext,
  bench: BenchCase,
  size: number,
  units = 6,
): Promise<FigureRow> {
  const sent: CheckpointEvent[] = [];
  const controller = SessionController.start(
    'bench',
    () => ctx,
    sessionInit(bench, size),
    (event) => {
      if (event.type === 'checkpoint') sent.push(event);
    },
  );
  // As the Worker's host does after `startOptimization`: the run's first checkpoint, with its data.
  controller.checkpoint();
  for (let u = 0; u < units && !controller.done; u++) await controller.run('unit');
  const [first, ...perUnit] = sent;
  if (!first?.data) throw new Error('the first checkpoint carried no data');
  const data = first.data;
  const cloned = (value: unknown) => {
    const t0 = performance.now();
    structuredClone(value);
    return performance.now() - t0;
  };
  const before = perUnit.map((c) => {
    // What the Worker posted before: the whole state (the data and this unit's progress joined).
    const whole = joinSessionState(data, c.progress);
    return { bytes: JSON.stringify(whole).length, ms: cloned(whole) };
  });
  const after = perUnit.map((c) => ({ bytes: JSON.stringify(c).length, ms: cloned(c) }));
  return {
    curve: 'studio-dataset',
    examples: size,
    units: perUnit.length,
    beforeKbPerUnit: kb(before),
    beforeCloneMs: ms(before),
    afterKbPerUnit: kb(after),
    afterCloneMs: ms(after),
    dataKbOnce: round(JSON.stringify(first).length / 1024, 1),
  };
}
