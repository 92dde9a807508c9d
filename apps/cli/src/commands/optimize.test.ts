import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OptimizeReport } from '@backflow/engine';
import { firstStdoutLine, runCli, startCli, waitForExit, withServeSim } from '../test-support/built-cli';
import {
  builtCliTempDir,
  closedPort,
  firstBroken,
  type SimFixture,
  simFixtures,
} from '../test-support/fixtures';

const fixture = simFixtures()[0] as SimFixture;
const tmp = builtCliTempDir('optimize');

const readReport = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as OptimizeReport;
const optimizedBytes = (dir: string) => readFileSync(join(dir, 'workflow.optimized.json'), 'utf8');

function optimizeArgs(algorithm: string, out: string, extra: string[] = [], iterations = 3): string[] {
  return [
    'optimize',
    firstBroken(fixture),
    '--data',
    fixture.train,
    '--val',
    fixture.val,
    '--algorithm',
    algorithm,
    '--iterations',
    String(iterations),
    '--batch-size',
    '6',
    '--seed',
    '7',
    '--out',
    out,
    ...extra,
  ];
}

function expectWellFormedReport(report: OptimizeReport, algorithm: string): void {
  expect(report.format).toBe('backflow.optimize-report');
  expect(report.algorithm).toBe(algorithm);
  expect(report.seed).toBe(7);
  expect(report.simulated).toBe(true);
  expect(report.iterations.length).toBeGreaterThan(0);
  for (const [i, it] of report.iterations.entries()) {
    expect(it.index).toBe(i + 1);
    expect(it.trainScore).toBeGreaterThanOrEqual(0);
    expect(it.trainScore).toBeLessThanOrEqual(1);
    if (it.valScore !== null) expect(it.valScore).toBeLessThanOrEqual(1);
    for (const share of Object.values(it.blame)) expect(share).toBeGreaterThanOrEqual(0);
    for (const u of it.updates) expect(typeof u.accepted).toBe('boolean');
    expect(it.calls).toBeGreaterThan(0);
  }
  expect(Object.keys(report.final.prompts).length).toBeGreaterThan(0);
  expect(report.totals.calls).toBeGreaterThan(0);
  expect(report.totals.wallMs).toBeGreaterThanOrEqual(0);
  // Every structured answer of the simulator reads as asked.
  expect(report.totals.answers?.direct).toBeGreaterThan(0);
  expect(report.totals.answers).toMatchObject({ lenient: 0, failed: 0 });
}

/** Resolves once the run's checkpoint shows at least `units` finished units (bounded polling). */
async function waitForUnits(dir: string, units: number): Promise<void> {
  const path = join(dir, 'checkpoint.json');
  for (let i = 0; i < 2000; i++) {
    if (existsSync(path)) {
      const state = JSON.parse(readFileSync(path, 'utf8')) as { session: { unitIndex: number } };
      if (state.session.unitIndex >= units) return;
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`no checkpoint with ${units} units in ${dir}`);
}

// Generous limits: these start Node subprocesses on a shared, possibly busy machine (never a speed check).
describe('backflow optimize (built CLI)', { timeout: 120_000 }, () => {
  const reference: Record<string, OptimizeReport> = {};

  it.each(['gtbp', 'sembp', 'textgrad'])(
    'optimizes a broken fixture with %s on the simulator',
    async (algorithm) => {
      const out = join(tmp.dir, `ref-${algorithm}`);
      const result = await runCli(optimizeArgs(algorithm, out));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('simulated model (offline)');
      const report = readReport(out);
      expectWellFormedReport(report, algorithm);
      reference[algorithm] = report;
      // Every call is in the call log, with its purpose.
      const calls = readFileSync(join(out, 'calls.jsonl'), 'utf8').trimEnd().split('\n');
      expect(calls).toHaveLength(report.totals.calls);
      const purposes = new Set(calls.map((line) => (JSON.parse(line) as { purpose: string }).purpose));
      expect(purposes.has('forward')).toBe(true);
      const md = readFileSync(join(out, 'report.md'), 'utf8');
      expect(md).toContain('Simulated model (offline)');
      if (report.iterations.some((it) => it.updates.some((u) => u.before !== u.after)))
        expect(md).toContain('```diff');
      // The optimized workflow is a valid workflow document whose prompts are the final prompts.
      const validated = await runCli(['validate', join(out, 'workflow.optimized.json')]);
      expect(validated.code, validated.stdout).toBe(0);
      const optimized = JSON.parse(optimizedBytes(out)) as {
        nodes: { id: string; kind: string; systemPrompt?: string }[];
      };
      for (const node of optimized.nodes.filter((n) => n.kind === 'llm')) {
        expect(report.final.prompts[node.id]).toBe(node.systemPrompt);
      }
    },
  );

  it('GTBP repairs the broken fixture', () => {
    const report = reference.gtbp!;
    expect(report.final.valScore).toBe(1);
  });

  it('reaches the same prompts against serve-sim over HTTP with 20% faults', async () => {
    await withServeSim(['--fault-rate', '0.2', '--seed', '5'], async (url) => {
      const out = join(tmp.dir, 'http-faults');
      const http = ['--provider', 'openai', '--base-url', url, '--model', 'sim', '--max-attempts', '12'];
      const result = await runCli(
        optimizeArgs('gtbp', out, [...http, '--timeout-ms', '1500', '--concurrency', '6']),
      );
      expect(result.code, result.stderr).toBe(0);
      const report = readReport(out);
      expect(report.totals.failedCalls).toBe(0);
      expect(report.simulated).toBe(true);
      expect(report.models.forward).toContain('Simulated model (offline) via 127.0.0.1:');
      expect(report.final.prompts).toEqual(reference.gtbp!.final.prompts);
      expect(optimizedBytes(out)).toBe(optimizedBytes(join(tmp.dir, 'ref-gtbp')));
    });
  }, 120_000);

  it('repairs the fixture against serve-sim answering like real models, and counts how answers read', async () => {
    await withServeSim(['--realistic-rate', '0.3', '--seed', '5'], async (url) => {
      const out = join(tmp.dir, 'http-realistic');
      const http = ['--provider', 'openai', '--base-url', url, '--model', 'sim'];
      const result = await runCli(optimizeArgs('gtbp', out, http, 5));
      expect(result.code, result.stderr).toBe(0);
      const report = readReport(out);
      expect(report.final.valScore).toBe(1);
      const answers = report.totals.answers;
      expect(answers?.direct).toBeGreaterThan(0);
      expect((answers?.lenient ?? 0) + (answers?.repaired ?? 0)).toBeGreaterThan(0);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/- Structured answers: \d+ read as asked/);
      const records = readFileSync(join(out, 'calls.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { purpose: string; answer?: { reading: string } });
      // The call log says which first answers were not read as asked (each unreadable one got a repair call).
      const notDirect = records.filter(
        (r) => r.purpose !== 'repair' && r.answer && r.answer.reading !== 'direct',
      ).length;
      expect(notDirect).toBe((answers?.lenient ?? 0) + (answers?.repaired ?? 0) + (answers?.failed ?? 0));
    });
  }, 120_000);

  it.each(['SIGINT', 'SIGKILL'] as const)(
    'resumes a run killed with %s to byte-identical final prompts',
    async (signal) => {
      // Latency keeps the run slow enough to be stopped part-way.
      const server = startCli(['serve-sim', '--port', '0', '--latency-ms', '25']);
      const exited = waitForExit(server, 120_000);
      try {
        const url = await firstStdoutLine(server);
        const out = join(tmp.dir, `killed-${signal}`);
        const http = ['--provider', 'openai', '--base-url', url, '--model', 'sim', '--concurrency', '2'];
        const child = startCli(optimizeArgs('sembp', out, http));
        const killed = waitForExit(child, 120_000);
        await waitForUnits(out, 3);
        child.kill(signal);
        const first = await killed;
        if (signal === 'SIGINT') {
          expect(first.code).toBe(130);
          expect(first.stderr).toContain(`--resume ${out}`);
        } else {
          expect(first.signal).toBe('SIGKILL');
        }
        expect(existsSync(join(out, 'report.json'))).toBe(false);
        const resumed = await runCli(['optimize', '--resume', out]);
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(resumed.stderr).toContain('resuming');
        const report = readReport(out);
        expect(report.resumes).toBe(1);
        expect(JSON.stringify(report.final.prompts)).toBe(JSON.stringify(reference.sembp!.final.prompts));
        expect(optimizedBytes(out)).toBe(optimizedBytes(join(tmp.dir, 'ref-sembp')));
        expect(report.iterations.map((it) => it.trainScore)).toEqual(
          reference.sembp!.iterations.map((it) => it.trainScore),
        );
        // The report carried over from before the kill matches an uninterrupted run's, update by update.
        const summary = (r: OptimizeReport) =>
          r.iterations.map((it) => ({ blame: it.blame, updates: it.updates, valScore: it.valScore }));
        expect(summary(report)).toEqual(summary(reference.sembp!));
      } finally {
        server.kill('SIGTERM');
      }
      await exited;
    },
    120_000,
  );

  it('stops with exit 4 when the call budget runs out, and still writes the report', async () => {
    const out = join(tmp.dir, 'budget');
    const result = await runCli(optimizeArgs('sembp', out, ['--budget-calls', '60']));
    expect(result.code, result.stderr).toBe(4);
    const report = readReport(out);
    expect(report.stopReason).toBe('budgetExhausted');
    expect(report.totals.calls).toBeGreaterThan(0);
    expect(report.totals.calls).toBeLessThanOrEqual(60);
    expect(existsSync(join(out, 'workflow.optimized.json'))).toBe(true);
  });

  it('an unreachable model server exits 3 with the diagnosis and keeps a resumable checkpoint', async () => {
    const out = join(tmp.dir, 'unreachable');
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await runCli(optimizeArgs('gtbp', out, ['--base-url', url, '--model', 'sim', '--quiet']));
    expect(result.code).toBe(3);
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('backflow:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('failed after its retries');
    expect(errors[0]).toContain(`--resume ${out}`);
    const checkpoint = JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8')) as {
      session: { unitIndex: number };
      run: { provider: Record<string, unknown> };
    };
    expect(checkpoint.session.unitIndex).toBe(0);
    expect(checkpoint.run.provider.baseUrl).toBe(url);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it('passes the variant flags into the session settings', async () => {
    const out = join(tmp.dir, 'variants');
    const variant = ['--gate', 'nonWorsening', '--gate-on', 'validation', '--gate-scope', 'perNode'];
    const more = ['--backprop', 'all', '--sembp-update', 'critique', '--sembp-gradient', 'comment'];
    const extra = ['--gtbp-schedule', '2,1,1', '--no-early-stop', '--error-batch-size', '2', '--quiet'];
    const mode = ['--backward-mode', 'faithful'];
    const result = await runCli(optimizeArgs('sembp', out, [...variant, ...more, ...extra, ...mode], 1));
    expect(result.code, result.stderr).toBe(0);
    const { settings, iterations } = readReport(out);
    expect(settings).toMatchObject({
      iterations: 1,
      errorBatchSize: 2,
      gate: { policy: 'nonWorsening', on: 'validation', scope: 'perNode' },
      invertOnlyFailing: false,
      sembpUpdate: 'critique',
      sembpGradient: 'comment',
      backwardMode: 'faithful',
      gtbp: { m0: 2, mPlus: 1, mMinus: 1 },
      earlyStop: false,
    });
    expect(iterations).toHaveLength(1);
  });

  it('usage and data errors', async () => {
    const out = join(tmp.dir, 'usage');
    expect((await runCli(optimizeArgs('sgd', out))).code).toBe(2);
    expect((await runCli(['optimize', fixture.workflow, '--data', fixture.train, '--out', out])).code).toBe(
      2,
    );
    expect((await runCli([...optimizeArgs('gtbp', out), '--val-split', '0.2'])).code).toBe(2);
    expect((await runCli([...optimizeArgs('gtbp', out), '--no-gate', '--gate', 'strict'])).code).toBe(2);
    expect((await runCli([...optimizeArgs('gtbp', out), '--gtbp-schedule', '3,1'])).code).toBe(2);
    expect((await runCli([...optimizeArgs('gtbp', out), '--backward-mode', 'greedy'])).code).toBe(2);
    expect((await runCli(['optimize', '--resume', out, '--algorithm', 'gtbp'])).code).toBe(2);
    const missing = await runCli(['optimize', '--resume', join(tmp.dir, 'never-ran')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
