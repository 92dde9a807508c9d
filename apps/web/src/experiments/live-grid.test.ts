import 'fake-indexeddb/auto';
import { type ExperimentProgress, type ExperimentRun, runKey, summarizeExperiment } from '@backflow/engine';
import { manualFrames } from '../run/test-support/manual-frames';
import { openExperimentDb } from './experiment-db';
import {
  applyMessages,
  createMessageFrames,
  endingsOf,
  type LiveGrid,
  sameRuns,
  summaryFor,
  summaryOf,
} from './live-grid';
import type { ExperimentMessage } from './protocol';
import { runOnSimulator, smallGridSpec } from './test-support/fixture';

const IDLE: LiveGrid = { progress: null, runs: [], active: null, finished: null };
const totals = { calls: 1, inputTokens: 1, outputTokens: 1, costUsd: 0 };
const progress = (unit: number, arm = 'a', seed = 1): ExperimentMessage => ({
  type: 'progress',
  experimentId: 'x',
  progress: { runIndex: 0, runs: 2, arm, seed, unit, spent: totals } satisfies ExperimentProgress,
});
const run = (arm: string, seed: number, testScore = 1, experimentId = 'x'): ExperimentMessage => ({
  type: 'run',
  experimentId,
  run: {
    arm,
    seed,
    testScore,
    testScores: [testScore],
    testIds: ['t1'],
    valCurve: [0.5],
    stopReason: 'completed',
    totals,
    wallMs: 1,
  } satisfies ExperimentRun,
  // Opaque here: the host's summary is checked against the engine's on a real grid below.
  finished: { keys: [`${arm}@${seed}`], summary: { arms: [], comparisons: [] }, partial: true },
});
const ended: ExperimentMessage = {
  type: 'ended',
  experimentId: 'x',
  stopped: null,
  models: { forward: 'sim', optimizer: 'sim', simulated: true },
  finished: { keys: [], summary: { arms: [], comparisons: [] }, partial: false },
};
/** The state the messages give one at a time, as the view applied them before they were batched. */
const oneByOne = (from: LiveGrid, messages: readonly ExperimentMessage[], shown: string) =>
  messages.reduce((l, m) => applyMessages(l, [m], shown), from);

let dbs = 0;
/** The messages of a real 2 x 2 grid from the inline host on the simulator, `stored` runs already done. */
async function gridMessages(stored: readonly ExperimentRun[] = []): Promise<ExperimentMessage[]> {
  const db = openExperimentDb(`live-grid-${Date.now()}-${++dbs}`);
  await db.experiments.put({
    id: 'g',
    source: 'Workflow: test',
    createdAt: 1,
    spec: smallGridSpec(),
    status: 'running',
  });
  for (const r of stored) await db.runs.put({ experimentId: 'g', key: runKey(r.arm, r.seed), run: r });
  const messages = await runOnSimulator(db.name, 'g');
  db.close();
  return messages;
}

describe('createMessageFrames', () => {
  it('hands on the messages of a frame as one batch, in arrival order, nothing lost', () => {
    const frames = manualFrames();
    const batches: ExperimentMessage[][] = [];
    const queue = createMessageFrames((b) => batches.push([...b]), frames.schedule);
    const first = [progress(1), progress(2), run('a', 1), progress(1, 'b')];
    for (const m of first) queue.push(m);
    expect(frames.queued()).toBe(1);
    frames.frame();
    queue.push(ended);
    frames.frame();
    frames.frame(); // nothing new: nothing handed on
    expect(batches).toEqual([first, [ended]]);
  });

  it('cancel() forgets the pending batch and its frame', () => {
    const frames = manualFrames();
    const batches: ExperimentMessage[][] = [];
    const queue = createMessageFrames((b) => batches.push([...b]), frames.schedule);
    queue.push(progress(1));
    queue.cancel();
    expect(frames.queued()).toBe(0);
    frames.frame();
    expect(batches).toEqual([]);
  });

  it("a real grid's messages, batched per frame, give the state they give one by one", async () => {
    const messages = await gridMessages();
    expect(messages.filter((m) => m.type === 'run')).toHaveLength(4);
    expect(messages.filter((m) => m.type === 'progress').length).toBeGreaterThan(8);
    const start: LiveGrid = { ...IDLE, active: 'g' };
    const reference = oneByOne(start, messages, 'g');
    expect(reference.runs.map((r) => `${r.arm}@${r.seed}`)).toEqual([
      'sembp@1',
      'sembp@2',
      'textgrad@1',
      'textgrad@2',
    ]);
    expect(reference).toMatchObject({ progress: null, active: null });
    // The host's summary at the grid's end is the engine's summary of every run.
    expect(summaryFor(reference.runs, reference.finished)?.summary).toEqual(
      summarizeExperiment(reference.runs),
    );
    // Frames falling after every k-th message: one update per frame instead of one per message.
    for (const k of [1, 2, 3, 5, 8, messages.length]) {
      const frames = manualFrames();
      const batches: (readonly ExperimentMessage[])[] = [];
      let live = start;
      const queue = createMessageFrames((batch) => {
        batches.push(batch);
        live = applyMessages(live, batch, 'g');
      }, frames.schedule);
      messages.forEach((m, i) => {
        queue.push(m);
        if ((i + 1) % k === 0) frames.frame();
      });
      frames.frame();
      expect(batches).toHaveLength(Math.ceil(messages.length / k));
      expect(batches.flat()).toEqual(messages);
      expect(live).toEqual(reference);
      expect(batches.flatMap(endingsOf)).toEqual([messages.at(-1)]);
    }
  });
});

describe('applyMessages', () => {
  it('keeps the latest progress, adds runs in order, and an ending clears the progress and the grid', () => {
    const messages = [progress(1), run('a', 1), progress(2, 'b'), progress(3, 'b'), run('b', 1)];
    const live = applyMessages({ ...IDLE, active: 'x' }, messages, 'x');
    expect(live.progress?.unit).toBe(3);
    expect(live.active).toBe('x');
    expect(live.runs.map((r) => r.arm)).toEqual(['a', 'b']);
    expect(applyMessages(live, [ended], 'x')).toEqual({
      ...live,
      progress: null,
      active: null,
      finished: ended.type === 'ended' && ended.finished,
    });
    // A failure drops the partial summary (the view computes the full one from the stored runs).
    const failed: ExperimentMessage = { type: 'failed', experimentId: 'x', message: 'no' };
    expect(applyMessages(live, [failed], 'x').finished).toBeNull();
    expect(applyMessages(live, [failed], 'y').finished).toBe(live.finished);
    // Progress after an ending in the same batch is kept, as it was one message at a time.
    expect(applyMessages(live, [ended, progress(1)], 'x')).toEqual(oneByOne(live, [ended, progress(1)], 'x'));
  });

  it('a run reported again replaces the earlier one and goes last; another experiment’s runs are left out', () => {
    const live = applyMessages(
      IDLE,
      [run('a', 1, 0.5), run('b', 1), run('a', 1, 0.75), run('c', 1, 1, 'y')],
      'x',
    );
    expect(live.runs.map((r) => [r.arm, r.testScore])).toEqual([
      ['b', 1],
      ['a', 0.75],
    ]);
  });

  it('what no message changed keeps its identity', () => {
    const live = applyMessages(IDLE, [run('a', 1), progress(1)], 'x');
    expect(applyMessages(live, [run('a', 2, 1, 'y')], 'x')).toBe(live);
    const next = applyMessages(live, [progress(2)], 'x');
    expect(next.runs).toBe(live.runs);
    expect(next.progress).not.toBe(live.progress);
  });
});

describe('sameRuns', () => {
  it('compares arm and seed, in order', () => {
    const a = applyMessages(IDLE, [run('a', 1), run('a', 2)], 'x').runs;
    const b = applyMessages(IDLE, [run('a', 1, 0), run('a', 2, 0)], 'x').runs;
    expect(sameRuns(a, b)).toBe(true);
    expect(sameRuns(a, [...b].reverse())).toBe(false);
    expect(sameRuns(a, b.slice(1))).toBe(false);
    expect(sameRuns([], [])).toBe(true);
  });
});

describe("the host's summary", () => {
  it('covers the runs stored before a resume, in the order the view lists them', async () => {
    const all = (await gridMessages()).flatMap((m) => (m.type === 'run' ? [m.run] : []));
    const resumed = await gridMessages(all.slice(0, 1));
    const first = resumed.find((m) => m.type === 'run');
    expect(first?.type === 'run' && first.finished.keys).toEqual(
      all.slice(0, 2).map((r) => runKey(r.arm, r.seed)),
    );
    // The view after a reload lists the stored run, then the new ones as they come.
    const live = applyMessages({ ...IDLE, runs: all.slice(0, 1) }, resumed, 'g');
    expect(summaryFor(live.runs, live.finished)?.summary).toEqual(summarizeExperiment(live.runs));
  });

  it("shows each arm's figures after every run, and the full summary, the engine's, at the end", async () => {
    const messages = await gridMessages();
    const runs: ExperimentRun[] = [];
    for (const m of messages) {
      if (m.type !== 'run') continue;
      runs.push(m.run);
      const engine = summarizeExperiment(runs);
      expect(m.finished).toEqual({
        keys: runs.map((r) => runKey(r.arm, r.seed)),
        summary: { arms: engine.arms, comparisons: [] },
        partial: true,
      });
    }
    const end = messages.at(-1);
    expect(end?.type === 'ended' && end.finished).toEqual(summaryOf(runs));
    expect(summaryOf(runs).summary).toEqual(summarizeExperiment(runs));
    expect(summarizeExperiment(runs).comparisons).toHaveLength(1);
  });

  it('is used only for exactly the runs it was computed over', () => {
    const runs = applyMessages(IDLE, [run('a', 1), run('b', 1)], 'x').runs;
    const finished = summaryOf(runs);
    expect(summaryFor(runs, finished)).toBe(finished);
    expect(summaryFor([...runs].reverse(), finished)).toBeUndefined();
    expect(summaryFor(runs.slice(1), finished)).toBeUndefined();
    expect(summaryFor(runs, null)).toBeUndefined();
  });
});
