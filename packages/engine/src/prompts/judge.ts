import type { MetaPrompt } from './ask';
import { END_WITH_JSON } from './describe';
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
  version: 3,
  system:
    'You are a strict, fair grader. You score one answer against a rubric and say specifically ' +
    'what to change.',
  instructions:
    'Grade the answer `output` against the `rubric`, given the `input` it responds to (empty: not ' +
    'given) and the reference answer `target` (absent: grade by the rubric alone).',
  answerInstructions: `Reason briefly, then ${END_WITH_JSON} {"score": <0 to 1, 1: fully satisfies the rubric>, "feedback": "<the concrete problems, e.g. the total should be 42, not 41; no praise>"}.`,
  contextKeys: ['task', 'rubric', 'input', 'target', 'output'],
};

/** Builds the judge meta-prompt for one answer. */
export function buildJudgePrompt(task: JudgeTask): MetaPrompt {
  return buildMetaPrompt(judgePrompt, task);
}
