import { renderTemplate } from '../graph/template';
import type { MetaPrompt } from './ask';
import type { JudgeTask } from './tasks';

/**
 * The LLM-judge meta-prompt (loss `judge`), as named, versioned data. Bump `version` whenever the
 * wording changes: call records keep `templateId`, so old scores stay attributable to old wording.
 * Placeholders are filled in a single pass (graph/template), so an answer that itself contains
 * `{{...}}` is quoted verbatim, never expanded.
 */
export const judgePrompt = {
  id: 'judge',
  version: 1,
  system:
    'You are a strict, fair grader. You score one answer against a rubric and explain the score ' +
    'specifically enough that whoever produced the answer knows what to change.',
  proseTemplate: [
    'Grade the answer below against the rubric.',
    '',
    'Rubric:',
    '{{rubric}}',
    '',
    'Input the answer responds to:',
    '{{input}}',
    '',
    'Answer to grade:',
    '{{output}}',
    '',
    '{{reference}}',
    '',
    'The same information is repeated in the json block below (task "judge").',
  ].join('\n'),
  /** Filled into `{{reference}}` when the example has an expected answer. */
  referenceTemplate: 'Reference answer (what a fully correct answer says):\n{{target}}',
  /** Filled into `{{reference}}` when it has none. */
  noReference: 'No reference answer is given: grade by the rubric alone.',
  /** Filled into `{{input}}` when the caller has no input to show. */
  noInput: '(not given)',
  answerInstructions:
    'Reason briefly, then end your reply with exactly one fenced ```json block of the form ' +
    '{"score": <number from 0 to 1>, "feedback": "<what is wrong or missing, specifically>"}. ' +
    'A score of 1 means the answer fully satisfies the rubric. The feedback must name concrete ' +
    'problems (e.g. "the total should be 42, the answer says 41"), not general praise.',
} as const;

/** `judge@1`: the id recorded with every judge call. */
export const JUDGE_TEMPLATE_ID = `${judgePrompt.id}@${judgePrompt.version}`;

/** Builds the judge meta-prompt for one answer: prose for real models, the payload for both. */
export function buildJudgePrompt(task: JudgeTask): MetaPrompt {
  const reference =
    task.target === undefined || task.target === ''
      ? judgePrompt.noReference
      : renderTemplate(judgePrompt.referenceTemplate, { target: task.target });
  const prose = renderTemplate(judgePrompt.proseTemplate, {
    rubric: task.rubric,
    input: task.input === '' ? judgePrompt.noInput : task.input,
    output: task.output,
    reference,
  });
  return {
    templateId: JUDGE_TEMPLATE_ID,
    system: judgePrompt.system,
    prose,
    payload: task,
    answerInstructions: judgePrompt.answerInstructions,
  };
}
