// Each recipe's loss must score the gold answer 1 when a model states it the way the recipe's
// prompts ask ("Answer: ..." on the last line), and a wrong answer below 1, on the real data.
import { readFileSync } from 'node:fs';
import type { RunContext } from '../context';
import { type BbhTask, parseBbhTaskFile } from '../datasets/bbh';
import { evaluateLoss } from '../loss/evaluate';
import { datasetUrl } from '../loss/test-support/datasets';
import { bbhLoss } from './bbh-loss';

const SHARED_TASKS: BbhTask[] = [
  'object_counting',
  'date_understanding',
  'logical_deduction_three_objects',
  'navigate',
  'word_sorting',
  'multistep_arithmetic_two',
  'web_of_lies',
  'causal_judgement',
];
const ctx = {} as RunContext;

describe.each(SHARED_TASKS)('bbhLoss(%s) on the real task file', (task) => {
  it('scores every gold answer 1 after a line of reasoning, and the wrong neighbour below 1', async () => {
    const examples = parseBbhTaskFile(readFileSync(datasetUrl(`bbh/${task}.json`), 'utf8'), task);
    const spec = bbhLoss(task);
    for (const [i, example] of examples.entries()) {
      const output = `Let me think it through step by step.\nAnswer: ${example.target}`;
      const gold = await evaluateLoss(ctx, spec, { output, target: example.target, example });
      expect(gold.score, `${example.id}: ${gold.feedback}`).toBe(1);
      const other = examples[(i + 1) % examples.length]!;
      if (other.target === example.target) continue;
      const wrong = await evaluateLoss(ctx, spec, {
        output: `Answer: ${other.target}`,
        target: example.target,
        example,
      });
      expect(wrong.score, example.id).toBeLessThan(1);
    }
  });
});
