/**
 * One slice of the credit benchmark in a process of its own (forked by `runCreditJobs`): every
 * credit-suite case for one method, backward mode, seed and world. The simulator is CPU-bound, so
 * slices in separate processes use separate cores; the parent collects the runs over IPC.
 */
import { type CreditJob, type CreditJobResult, loadCreditCases, runCreditCase } from './credit';

process.once('message', async (job: CreditJob) => {
  const out: CreditJobResult[] = [];
  for (const c of loadCreditCases()) {
    const run = await runCreditCase(c, {
      algorithm: job.algorithm,
      seed: job.seed,
      settings: job.mode ? { backwardMode: job.mode } : {},
      slipRate: job.slipRate,
    });
    out.push({ name: c.name, shape: c.shape, faults: c.culprits.length, run });
  }
  process.send?.(out, () => process.disconnect());
});
