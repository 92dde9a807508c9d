/**
 * Crash/resume: one optimize run SIGKILLed at 5 seeded points (each resumed, then killed again
 * further on) ends with the same prompts, byte for byte, as an uninterrupted run, and its
 * calls.jsonl holds each call of the final run once: no duplicates, no gaps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { ensureBuiltCli, runCli, startCli, waitForExit } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';
import { loggedCalls, optimizeArgs as sharedOptimizeArgs } from '../test-support/reliability';

let tmp: ReturnType<typeof tempDir>;
let server: SimServer;

beforeAll(async () => {
  await ensureBuiltCli();
  tmp = tempDir('kill-resume');
  // Latency keeps each unit long enough to be killed part-way (never a speed assertion).
  server = await startSimServer({ model: createSimulatedModel({ seed: 0 }), latencyMs: 15 });
}, 120_000);
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

// Two calls at a time keep each unit long enough to be killed part-way.
const optimizeArgs = (out: string) =>
  sharedOptimizeArgs(out, server.baseURL, 'sembp', ['--concurrency', '2']);

const unitIndex = (dir: string): number => {
  const path = join(dir, 'checkpoint.json');
  if (!existsSync(path)) return -1;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { session: { unitIndex: number } }).session.unitIndex;
  } catch {
    return -1; // being renamed into place
  }
};

/** Keys of the calls in a run's calls.jsonl, in file order. */
const callKeys = (dir: string): string[] => loggedCalls(dir).map((c) => c.callKey);

/** Complete lines in a run's calls.jsonl so far. */
function lineCount(dir: string): number {
  const path = join(dir, 'calls.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

/** A small seeded generator (mulberry32), so the kill points are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SIGKILL at 5 seeded points of an optimize run', { timeout: 600_000 }, () => {
  it('resumes each time to the uninterrupted result, with every call logged once', async () => {
    const reference = join(tmp.dir, 'reference');
    const ref = await runCli(optimizeArgs(reference), { timeoutMs: 300_000 });
    expect(ref.code, ref.stderr).toBe(0);
    const totalUnits = unitIndex(reference);
    expect(totalUnits).toBeGreaterThan(6);

    // Five distinct, increasing unit counts to wait for, then how many calls of the next unit to let settle.
    const random = seeded(2026);
    const points = new Set<number>();
    while (points.size < 5) points.add(1 + Math.floor(random() * (totalUnits - 2)));
    const schedule = [...points]
      .sort((a, b) => a - b)
      .map((units) => ({ units, moreCalls: 1 + Math.floor(random() * 3) }));

    const out = join(tmp.dir, 'killed');
    let kills = 0;
    for (const [i, point] of schedule.entries()) {
      const args = i === 0 ? optimizeArgs(out) : ['optimize', '--resume', out, '--quiet'];
      const child = startCli(args);
      const exited = waitForExit(child, 300_000);
      let finished = false;
      void exited.then(() => {
        finished = true;
      });
      for (let tries = 0; tries < 20_000 && !finished && unitIndex(out) < point.units; tries++)
        await new Promise((r) => setTimeout(r, 10));
      // Then let a few calls of the next unit settle, so the kill lands mid-unit with logged calls.
      const logged = lineCount(out);
      for (let tries = 0; tries < 20_000 && !finished && lineCount(out) < logged + point.moreCalls; tries++)
        await new Promise((r) => setTimeout(r, 2));
      child.kill('SIGKILL');
      const result = await exited;
      // Every point lies before the last unit, so the run is still going when the kill comes.
      expect(result.signal, result.stderr).toBe('SIGKILL');
      kills++;
    }
    const last = await runCli(['optimize', '--resume', out, '--quiet'], { timeoutMs: 300_000 });
    expect(last.code, last.stderr).toBe(0);
    expect(kills).toBe(5);

    expect(readFileSync(join(out, 'workflow.optimized.json'), 'utf8')).toBe(
      readFileSync(join(reference, 'workflow.optimized.json'), 'utf8'),
    );
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      final: unknown;
      resumes: number;
      totals: { calls: number };
    };
    const refReport = JSON.parse(readFileSync(join(reference, 'report.json'), 'utf8')) as typeof report;
    expect(report.final).toEqual(refReport.final);
    // A resume killed before its first checkpoint leaves no trace in the count; the last one does.
    expect(report.resumes).toBeGreaterThanOrEqual(1);

    const keys = callKeys(out);
    const refKeys = callKeys(reference);
    expect(new Set(keys).size, 'a call is logged twice').toBe(keys.length);
    expect([...keys].sort()).toEqual([...refKeys].sort());
  });
});
