/**
 * The credit benchmark's runs: one optimization of one credit-suite case with one method, in the
 * simulated world, and what it says about credit (who was blamed in iteration 1) and repair.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AlgorithmName, type BlameComputedEvent, Session } from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { type CreditCase, creditCases, scoreCredit, scoreWorkflow } from '@backflow/sim/testing';
import { mapPool } from './pool';

/** Every credit-suite case (packages/sim/credit-suites). */
export function loadCreditCases(
  root = join(import.meta.dirname, '..', '..', 'packages', 'sim', 'credit-suites'),
): CreditCase[] {
  return creditCases(
    root,
    (dir) => readdirSync(dir).filter((n) => !n.startsWith('.')),
    (path) => readFileSync(path, 'utf8'),
  );
}

/** What one run measured. */
export interface CreditRun {
  top1: boolean;
  allInTopK: boolean;
  repaired: boolean;
  /** Iterations run until the validation score reached 1 (noisy world: iterations run); undefined when never repaired. */
  iterationsToRepair?: number;
  calls: number;
  blame: Record<string, number>;
}

export interface CreditRunOptions {
  algorithm: AlgorithmName;
  seed: number;
  iterations?: number;
  /** Extra session settings (e.g. the backward mode). */
  settings?: Record<string, unknown>;
  /**
   * The noisy world: chance that a skill slips in a forward call; the workflow then runs at
   * temperature 0.7 (the simulator's slips happen only above 0). 0 = the exact world.
   */
  slipRate?: number;
}

/** One optimization run of `c`: `--iterations 5 --batch-size 8 --seed <seed>` by default. */
export async function runCreditCase(c: CreditCase, o: CreditRunOptions): Promise<CreditRun> {
  const slipRate = o.slipRate ?? 0;
  const forward = createSimulatedModel({ seed: o.seed, slipRate });
  const workflow =
    slipRate > 0 ? { ...c.workflow, defaults: { ...c.workflow.defaults, temperature: 0.7 } } : c.workflow;
  const optimizer = createSimulatedModel({ seed: o.seed });
  const session = Session.create(
    { forwardModel: forward, optimizerModel: optimizer },
    {
      workflow,
      train: c.train,
      val: c.val,
      settings: {
        algorithm: o.algorithm,
        iterations: o.iterations ?? 5,
        batchSize: 8,
        seed: o.seed,
        ...o.settings,
      },
    },
  );
  const events = await session.run();
  const first = events.find((e): e is BlameComputedEvent => e.type === 'blameComputed');
  const blame = Object.fromEntries(Object.entries(first?.blame ?? {}).map(([id, b]) => [id, b.blame]));
  const credit = first ? scoreCredit(blame, c.culprits) : { top1: false, allInTopK: false };
  const history = session.state.history;
  const at = slipRate > 0 ? -1 : history.findIndex((h) => h.valScore === 1);
  // In the noisy world a validation score of 100% is out of reach even for right prompts (a slip
  // is a slip): a case is repaired when its final prompts score 100% in the exact world.
  const repaired =
    slipRate > 0
      ? (await scoreWorkflow(session.state.workflow, c.val, createSimulatedModel({ seed: o.seed }))).score ===
        1
      : (session.state.valScore?.score ?? 0) === 1;
  const run: CreditRun = { ...credit, repaired, calls: session.state.totals.calls, blame };
  if (repaired) run.iterationsToRepair = at >= 0 ? at + 1 : history.length;
  return run;
}

/** One slice of the benchmark: every case for one method, backward mode, seed and world. */
export interface CreditJob {
  algorithm: AlgorithmName;
  mode?: 'faithful' | 'weighed';
  seed: number;
  slipRate: number;
}

/** One case's run in a slice. */
export interface CreditJobResult {
  name: string;
  shape: string;
  /** Number of broken nodes (1 single, 2 double, 3 triple). */
  faults: number;
  run: CreditRun;
}

const WORKER = fileURLToPath(new URL('./credit-worker.ts', import.meta.url));

/** Runs one slice in a child process (bench/lib/credit-worker.ts) and returns its runs. */
function runJobInChild(job: CreditJob): Promise<CreditJobResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: CreditJobResult[] | undefined;
    child.once('message', (m: CreditJobResult[]) => {
      result = m;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`credit worker exited with ${code} before answering`)),
    );
    child.send(job);
  });
}

/** Every slice, at most `processes` child processes at a time; results in the jobs' order. */
export function runCreditJobs(jobs: readonly CreditJob[], processes: number): Promise<CreditJobResult[][]> {
  return mapPool(jobs, Math.max(1, processes), runJobInChild);
}
