/**
 * Generates the credit suites under packages/sim/credit-suites/<shape>/ from credit-shapes.ts,
 * deterministically (seeded). Run from the repository root:
 *
 *   pnpm exec tsx packages/sim/scripts/generate-credit-suites.ts
 *
 * Per shape: workflow.json (correct), train.jsonl, val.jsonl, and cases.json — one single fault per
 * llm node (the fault kind rotating over wrong skill, removed skill, wrong parameter, extra step),
 * plus double and triple faults on seeded node sets. Unlike the fixtures' generator, a case is NOT
 * filtered by whether the simulator can find its culprit: that is what the suites measure. A fault
 * is kept only when it really breaks something (alone it lowers the train score; the whole case
 * scores at most 75% on train and below 100% on validation).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Example, type Rng, randomInt, shuffled, type Workflow } from '../src/engine';
import { scoreWorkflow } from '../src/test-support/run-workflow';
import { withPrompt } from '../src/test-support/tasks';
import { createSimulatedModel } from '../src/world/sim-model';
import { buildExamples, buildWorkflow } from './build-fixture';
import { FAULT_KINDS, faultCandidates, type InjectedFault } from './credit-faults';
import { CREDIT_SHAPES } from './credit-shapes';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'credit-suites');
const TRAIN = 24;
const VAL = 12;
/** Multi-fault cases per shape: how many nodes broken together, and how many such cases. */
const MULTI = [
  { size: 2, count: 3 },
  { size: 3, count: 2 },
];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const jsonl = (rows: readonly Example[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
const model = createSimulatedModel({ seed: 0 });

const broken = (w: Workflow, faults: readonly InjectedFault[]) =>
  faults.reduce((acc, f) => withPrompt(acc, f.nodeId, f.prompt), w);

async function scores(w: Workflow, data: { train: Example[]; val: Example[] }) {
  return {
    train: (await scoreWorkflow(w, data.train, model)).score,
    val: (await scoreWorkflow(w, data.val, model)).score,
  };
}

/** A fault of one of `kinds` (tried in order) at `nodeId` that alone lowers the train score. */
async function pickFault(
  workflow: Workflow,
  nodeId: string,
  kinds: readonly (typeof FAULT_KINDS)[number][],
  data: { train: Example[]; val: Example[] },
  rng: Rng,
): Promise<InjectedFault | undefined> {
  for (const kind of kinds) {
    for (const fault of shuffled(rng, faultCandidates(workflow, nodeId, kind))) {
      const s = await scores(broken(workflow, [fault]), data);
      if (s.train <= 0.75 && s.val < 1) return fault;
    }
  }
  return undefined;
}

const rotate = <T>(xs: readonly T[], k: number) => [
  ...xs.slice(k % xs.length),
  ...xs.slice(0, k % xs.length),
];

async function main() {
  rmSync(ROOT, { recursive: true, force: true });
  for (const [index, spec] of CREDIT_SHAPES.entries()) {
    const rng = createRng(7000 + index);
    const workflow = buildWorkflow(spec, rng);
    const train = await buildExamples(spec, workflow, rng, 'train', TRAIN);
    const val = await buildExamples(spec, workflow, rng, 'val', VAL);
    const data = { train, val };
    const llmIds = workflow.nodes.filter((n) => n.kind === 'llm').map((n) => n.id);
    const cases: { id: string; faults: InjectedFault[]; scores: { train: number; val: number } }[] = [];
    const singles = new Map<string, InjectedFault>();
    for (const [k, nodeId] of llmIds.entries()) {
      const fault = await pickFault(workflow, nodeId, rotate(FAULT_KINDS, index + k), data, rng);
      if (!fault) continue;
      singles.set(nodeId, fault);
      cases.push({
        id: `single-${cases.length + 1}`,
        faults: [fault],
        scores: await scores(broken(workflow, [fault]), data),
      });
    }
    for (const { size, count } of MULTI) {
      let made = 0;
      for (let attempt = 0; attempt < 20 && made < count; attempt++) {
        const nodes = shuffled(rng, llmIds).slice(0, size);
        if (nodes.length < size) break;
        const faults: InjectedFault[] = [];
        for (const nodeId of nodes) {
          const kinds = rotate(FAULT_KINDS, randomInt(rng, FAULT_KINDS.length));
          const fault = await pickFault(workflow, nodeId, kinds, data, rng);
          if (fault) faults.push(fault);
        }
        if (faults.length < size) continue;
        const s = await scores(broken(workflow, faults), data);
        if (s.train > 0.75 || s.val === 1) continue;
        made++;
        cases.push({ id: `${size === 2 ? 'double' : 'triple'}-${made}`, faults, scores: s });
      }
    }
    const dir = join(ROOT, spec.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'workflow.json'), json(workflow));
    writeFileSync(join(dir, 'train.jsonl'), jsonl(train));
    writeFileSync(join(dir, 'val.jsonl'), jsonl(val));
    writeFileSync(join(dir, 'cases.json'), json(cases));
    const kinds = cases.flatMap((c) => c.faults.map((f) => f.kind));
    console.log(
      `${spec.name}: ${cases.length} cases (${singles.size} single); kinds ${FAULT_KINDS.map((k) => `${k} ${kinds.filter((x) => x === k).length}`).join(', ')}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
