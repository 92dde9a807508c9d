import type { MetaPrompt } from './ask';
import type { JudgeTask } from './judge-task';
import { buildMetaPrompt, type MetaPromptTemplate } from './template';

/**
 * The LLM-judge meta-prompt (loss `judge`), as named, versioned data. Bump `version` whenever the
 * wording changes: call records keep `templateId`, so old scores stay attributable to old wording.
 * Like every meta-prompt it states its context once: static text first, then the rubric (the same
 * for every call of a run, so it joins the shared prefix), the input, the reference and the answer
 * as one json block. Values travel as JSON strings, so an answer containing `{{...}}` or a fence
 * is quoted verbatim, never interpreted.
 */
export const judgePrompt: MetaPromptTemplate<JudgeTask> = {
  id: 'judge',
  version: 2,
  system:
    'You are a strict, fair grader. You score one answer against a rubric and explain the score ' +
    'specifically enough that whoever produced the answer knows what to change.',
  instructions:
    'Grade an answer against a rubric. The context gives the `rubric`, the `input` the answer ' +
    'responds to (empty: not given), the reference answer `target` (what a fully correct answer ' +
    'says; when there is none, grade by the rubric alone) and the answer to grade, `output`.',
  answerInstructions:
    'Reason briefly, then end your reply with exactly one fenced json block (three backticks and ' +
    'the word json) of the form {"score": <number from 0 to 1>, "feedback": "<what is wrong or ' +
    'missing, specifically>"}. A score of 1 means the answer fully satisfies the rubric. The ' +
    'feedback must name concrete problems (e.g. "the total should be 42, the answer says 41"), not ' +
    'general praise.',
  contextKeys: ['task', 'rubric', 'input', 'target', 'output'],
};

/** `judge@2`: the id recorded with every judge call. */
export const JUDGE_TEMPLATE_ID = `${judgePrompt.id}@${judgePrompt.version}`;

/** Builds the judge meta-prompt for one answer. */
export function buildJudgePrompt(task: JudgeTask): MetaPrompt {
  return buildMetaPrompt(judgePrompt, task);
}
