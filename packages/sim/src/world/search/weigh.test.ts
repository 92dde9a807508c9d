/**
 * The weighed backward mode: the simulator weighs the node's own instruction against its inputs
 * and keeps the smaller change, answering through the same tasks the engine sends.
 */
import {
  type GtbpInvertTask,
  gtbpInvertAnswerSchema,
  sembpGradientAnswerSchema,
  type TaskInput,
} from '../../engine';
import { ask } from '../../test-support/tasks';
import { createSimulatedModel } from '../sim-model';
import { weighFault, wordDistance } from './weigh';

const model = createSimulatedModel();
const llmInput = (id: string, role: string, value: string, name = id): TaskInput => ({
  id,
  name,
  kind: 'llm',
  role,
  value,
});

/** A node keeping the largest of its numbers, whose prompt says "minimum": its own fault. */
const wrongSkill = {
  node: {
    id: 'peak',
    kind: 'llm' as const,
    role: 'Finds the peak: Take the maximum.',
    instruction: 'Take the minimum.',
    userTemplate: '{{values}}',
  },
  inputs: [llmInput('values', 'Reads the values: Extract every number.', '4.5 12 7', 'values')],
  fields: { text: 'we saw 4.5 then 12 and 7' },
  renderedUserMessage: '4.5 12 7',
  desired: '12',
};

/** A node one edit from its role ("points:" for "points") fed a wrong number: two faults. */
const unitNode = {
  id: 'unit',
  kind: 'llm' as const,
  role: "Adds the unit: End the answer with 'points'.",
  instruction: "End the answer with 'points:'.",
  userTemplate: '{{value}}',
};
const unitQuery = (desired: string) => ({
  node: unitNode,
  inputs: [llmInput('value', 'Rounds the score: Round to 1 decimal place.', '45')],
  fields: { scores: '12 15' },
  renderedUserMessage: '45',
  desired,
});

describe('weighFault', () => {
  it('keeps a wrong skill at the node instead of inventing an input that would explain it', () => {
    const fault = weighFault(wrongSkill);
    expect(fault.kind).toBe('own');
  });

  it('passes a discrepancy to the input whose producer skipped a step its role asks for', () => {
    const fault = weighFault({
      node: {
        id: 'label',
        kind: 'llm',
        role: "Labels it: Prefix the answer with 'Total:'.",
        instruction: "Prefix the answer with 'Total:'.",
        userTemplate: '{{total}}',
      },
      inputs: [llmInput('total', 'Totals it: Add the numbers up. Round to 1 decimal place.', '12.34')],
      fields: { amounts: '2.2 10.14' },
      renderedUserMessage: '12.34',
      desired: 'Total: 12.3',
    });
    expect(fault.kind).toBe('input');
    if (fault.kind === 'input') expect(fault.candidate.value).toBe('12.3');
  });

  it('changes several inputs together when no single one explains the output', () => {
    const fault = weighFault({
      node: {
        id: 'merge',
        kind: 'llm',
        role: "Merges them: Join the lines with ' / '.",
        instruction: "Join the lines with ' / '.",
        userTemplate: '{{a}}\n{{b}}',
      },
      inputs: [
        llmInput('a', 'Shouts: Convert to upper case.', 'river stone'),
        llmInput('b', 'Shouts: Convert to upper case.', 'cloud maple'),
      ],
      fields: { sentence: 'river stone cloud maple' },
      renderedUserMessage: 'river stone\ncloud maple',
      desired: 'RIVER STONE / CLOUD MAPLE',
    });
    expect(fault.kind).toBe('inputs');
    if (fault.kind === 'inputs')
      expect(fault.changes.map((c) => [c.input.id, c.value])).toEqual([
        ['a', 'RIVER STONE'],
        ['b', 'CLOUD MAPLE'],
      ]);
  });

  it('answers both when the restored instruction still needs a small input change', () => {
    const fault = weighFault(unitQuery('46 points'));
    expect(fault.kind).toBe('both');
    if (fault.kind === 'both') {
      expect(fault.changes.map((c) => [c.input.id, c.value])).toEqual([['value', '46']]);
      expect(fault.repair.steps.map((s) => s.params)).toEqual([{ text: 'points' }]);
    }
  });

  it('keeps the restore alone when the input change it would need is dearer than the restore', () => {
    // "46 47" differs from "45" in two words: a guess from downstream, not a second fault.
    expect(weighFault(unitQuery('46 47 points')).kind).toBe('own');
    // The restore alone gives the target: the node's own fault only.
    expect(weighFault(unitQuery('45 points')).kind).toBe('own');
  });

  it('counts a word that changes only in case or punctuation as half a change', () => {
    expect(wordDistance('amber. falcon', 'amber falcon')).toBe(0.5);
    expect(wordDistance('amber falcon', 'amber stone')).toBe(1);
  });
});

describe('the weighed mode through the tasks', () => {
  const invert = (mode?: 'weighed'): GtbpInvertTask => ({
    task: 'gtbp.invert',
    node: wrongSkill.node,
    example: { id: 'e1', inputs: wrongSkill.fields },
    inputs: wrongSkill.inputs,
    renderedUserMessage: wrongSkill.renderedUserMessage,
    output: '4.5',
    targetOutput: '12',
    ...(mode ? { mode } : {}),
  });

  it('GTBP inversion says the instruction explains it and keeps every input', async () => {
    const answer = await ask(model, invert('weighed'), gtbpInvertAnswerSchema);
    expect(answer.explanation).toBe('instruction');
    expect(answer.targets).toEqual({ values: '4.5 12 7' });
  });

  it('the faithful inversion carries no explanation field', async () => {
    const answer = await ask(model, invert(), gtbpInvertAnswerSchema);
    expect(answer.explanation).toBeUndefined();
  });

  /** Semantic backprop's weighed gradient on one example whose expected output is `desired`. */
  const weighedGradient = (query: ReturnType<typeof unitQuery> | typeof wrongSkill, output: string) =>
    ask(
      model,
      {
        task: 'sembp.gradient',
        variant: 'target',
        mode: 'weighed',
        node: query.node,
        example: { id: 'e1', inputs: query.fields },
        inputs: query.inputs,
        renderedUserMessage: query.renderedUserMessage,
        output,
        messages: [
          {
            from: 'loss',
            text: `The expected output is: "${query.desired}".`,
            suggestedValue: query.desired,
          },
        ],
      },
      sembpGradientAnswerSchema,
    );

  it('semantic backprop asks no input to change when the instruction explains it', async () => {
    const answer = await weighedGradient(wrongSkill, '4.5');
    expect(answer.explanation).toBe('instruction');
    expect(answer.inputs.values?.change).toBe(false);
  });

  it('semantic backprop answers "both" and asks the input for the value the fixed step needs', async () => {
    const answer = await weighedGradient(unitQuery('46 points'), '45 points:');
    expect(answer.explanation).toBe('both');
    expect(answer.inputs.value).toMatchObject({ change: true, suggestedValue: '46' });
  });
});
