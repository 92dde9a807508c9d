/**
 * Reading the credit suites (`packages/sim/credit-suites/<shape>/`): one correct workflow, its
 * train and validation data, and `cases.json`, the broken variants — one, two or three faulty
 * nodes each — as prompt replacements. The caller reads the files (this module stays browser-safe).
 */
import type { Example, Workflow } from '../engine';
import { parseExamples, parseWorkflow } from './fixture-files';
import { withPrompt } from './tasks';

/** One injected fault of a case, as `cases.json` records it. */
export interface CreditFault {
  nodeId: string;
  kind: 'wrong_skill' | 'removed_skill' | 'wrong_parameter' | 'extra_step';
  description: string;
  prompt: string;
}

/** One broken variant of a credit-suite shape. */
export interface CreditCase {
  /** "<shape>/<case id>", e.g. "chain7-scores/single-3". */
  name: string;
  shape: string;
  /** The broken nodes (every one of them is a culprit). */
  culprits: string[];
  faults: CreditFault[];
  /** The broken workflow. */
  workflow: Workflow;
  train: Example[];
  val: Example[];
}

/** Every case of every shape under `root`; `list(dir)` names a directory's entries, `read(path)` a file's text. */
export function creditCases(
  root: string,
  list: (dir: string) => string[],
  read: (path: string) => string,
): CreditCase[] {
  const out: CreditCase[] = [];
  for (const shape of list(root).sort()) {
    const correct = parseWorkflow(read(`${root}/${shape}/workflow.json`));
    const train = parseExamples(read(`${root}/${shape}/train.jsonl`));
    const val = parseExamples(read(`${root}/${shape}/val.jsonl`));
    const cases = JSON.parse(read(`${root}/${shape}/cases.json`)) as { id: string; faults: CreditFault[] }[];
    for (const c of cases) {
      const workflow = c.faults.reduce((w, f) => withPrompt(w, f.nodeId, f.prompt), correct);
      out.push({
        name: `${shape}/${c.id}`,
        shape,
        culprits: c.faults.map((f) => f.nodeId),
        faults: c.faults,
        workflow,
        train,
        val,
      });
    }
  }
  return out;
}

/** How well one iteration's blame singles out the broken nodes. */
export interface CreditScore {
  /** The highest blame is a broken node's: a tie with an intact node is a miss, a tie among broken nodes only is not. */
  top1: boolean;
  /** Every broken node's blame is strictly above every intact node's (the top k, k = broken nodes). */
  allInTopK: boolean;
}

/** Scores a blame map (node id -> blame in [0, 1]) against the broken nodes. */
export function scoreCredit(
  blame: Readonly<Record<string, number>>,
  culprits: readonly string[],
): CreditScore {
  const broken = new Set(culprits);
  const entries = Object.entries(blame);
  const best = Math.max(...entries.map(([, b]) => b));
  const atTop = entries.filter(([, b]) => b === best).map(([id]) => id);
  const top1 = atTop.length > 0 && atTop.every((id) => broken.has(id));
  const lowestBroken = Math.min(...entries.filter(([id]) => broken.has(id)).map(([, b]) => b));
  const highestIntact = Math.max(...entries.filter(([id]) => !broken.has(id)).map(([, b]) => b));
  const allInTopK =
    culprits.every((id) => id in blame) && (entries.length === broken.size || lowestBroken > highestIntact);
  return { top1, allInTopK };
}
