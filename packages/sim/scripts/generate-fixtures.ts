/**
 * Generates the fault-injection fixtures under packages/sim/fixtures/<name>/ from
 * fixture-specs.ts, deterministically (seeded). Run from the repository root:
 *
 *   pnpm exec tsx packages/sim/scripts/generate-fixtures.ts
 *
 * For each spec it writes workflow.json, train.jsonl, val.jsonl, and up to three broken variants
 * (broken-<k>.workflow.json) with culprits.json (file -> broken node id) and breaks.json (what was
 * broken, for people). A break is kept only if the simulator can find and repair it (see
 * src/test-support/culprit-check.ts): a fixture whose culprit cannot be identified from the
 * information a backward pass carries would not measure anything.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Example, type Workflow } from '../src/engine';
import { checkBrokenVariant, llmSuccessors } from '../src/test-support/culprit-check';
import { withPrompt } from '../src/test-support/tasks';
import { createSimulatedModel } from '../src/world/sim-model';
import { type BreakCandidate, breakCandidates, buildExamples, buildWorkflow } from './build-fixture';
import { FIXTURE_SPECS } from './fixture-specs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const TRAIN = 24;
const VAL = 12;
const MAX_BROKEN = 3;
const KINDS = ['replace', 'swap', 'remove'];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const jsonl = (rows: readonly Example[]) =>
  rows
    .map((r) => JSON.stringify(r))
    .join('\n')
    .concat('\n');

/** Is this break a good fixture: clearly worse, culprit named alone, repairable to 100%? */
async function acceptable(
  correct: Workflow,
  candidate: BreakCandidate,
  data: { train: Example[]; val: Example[] },
) {
  const broken = withPrompt(correct, candidate.nodeId, candidate.prompt);
  const report = await checkBrokenVariant(
    correct,
    broken,
    candidate.nodeId,
    data,
    createSimulatedModel({ seed: 0 }),
  );
  const named = report.checks.every(
    (c) => c.blamed.join() === candidate.nodeId && c.retargeted.join() === candidate.nodeId,
  );
  const ok =
    report.scores.train <= 0.6 &&
    report.scores.val < 1 &&
    named &&
    report.repairedScores.train === 1 &&
    report.repairedScores.val === 1;
  return { ok, broken, report };
}

async function main() {
  for (const [index, spec] of FIXTURE_SPECS.entries()) {
    const rng = createRng(1000 + index);
    const workflow = buildWorkflow(spec, rng);
    const train = await buildExamples(spec, workflow, rng, 'train', TRAIN);
    const val = await buildExamples(spec, workflow, rng, 'val', VAL);
    const dir = join(ROOT, spec.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'workflow.json'), json(workflow));
    writeFileSync(join(dir, 'train.jsonl'), jsonl(train));
    writeFileSync(join(dir, 'val.jsonl'), jsonl(val));

    // Inner nodes first (their culprit must be found from a successor), one break per node, and
    // the kind of break rotating (replace, swap, drop) so the fixtures exercise all three.
    const byNode = new Map<string, BreakCandidate[]>();
    for (const c of breakCandidates(workflow)) byNode.set(c.nodeId, [...(byNode.get(c.nodeId) ?? []), c]);
    const nodes = [...byNode.keys()].sort(
      (a, b) => llmSuccessors(workflow, b).length - llmSuccessors(workflow, a).length,
    );
    const culprits: Record<string, string> = {};
    const breaks: Record<string, unknown> = {};
    let rejected = 0;
    for (const nodeId of nodes) {
      const k = Object.keys(culprits).length;
      if (k >= MAX_BROKEN) break;
      const order = KINDS.slice(k % KINDS.length).concat(KINDS.slice(0, k % KINDS.length));
      const options = (byNode.get(nodeId) ?? []).sort(
        (a, b) => order.indexOf(a.edit.kind) - order.indexOf(b.edit.kind),
      );
      for (const candidate of options) {
        const { ok, broken, report } = await acceptable(workflow, candidate, { train, val });
        if (!ok) {
          rejected++;
          continue;
        }
        const file = `broken-${k + 1}.workflow.json`;
        writeFileSync(join(dir, file), json(broken));
        culprits[file] = candidate.nodeId;
        breaks[file] = {
          culprit: candidate.nodeId,
          break: candidate.description,
          prompt: candidate.prompt,
          scores: report.scores,
        };
        break;
      }
    }
    writeFileSync(join(dir, 'culprits.json'), json(culprits));
    writeFileSync(join(dir, 'breaks.json'), json(breaks));
    console.log(
      `${spec.name}: ${Object.keys(culprits).length} broken variants (${rejected} candidate breaks rejected)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
