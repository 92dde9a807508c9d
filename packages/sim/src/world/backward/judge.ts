/** The LLM-judge loss: exact agreement scores 1, otherwise partial credit by shared words. */
import type { JudgeAnswer, JudgeTask } from '../../engine';
import { applySkills, stepsOf } from '../parse';
import { normalizeAnswer, quote, tokenOverlap } from '../text';
import { answerText } from './answer';

/**
 * Scores the output against the target after normalisation (case, spacing). Without a target the
 * rubric's skills, applied to the input, give the reference.
 */
export function judge(task: JudgeTask): string {
  const steps = stepsOf(task.rubric);
  const reference = task.target ?? (steps.length > 0 ? applySkills(steps, task.input) : undefined);
  let answer: JudgeAnswer;
  if (reference === undefined) {
    answer = {
      score: 0.5,
      feedback: 'There is no reference to compare against; the rubric names no checkable step.',
    };
  } else if (normalizeAnswer(task.output) === normalizeAnswer(reference)) {
    answer = { score: 1, feedback: 'The output matches the reference.' };
  } else {
    const score = Math.round(tokenOverlap(task.output, reference) * 100) / 100;
    answer = { score, feedback: `The output ${quote(task.output)} should be ${quote(reference)}.` };
  }
  return answerText(`Score ${answer.score}: compared the output with the reference.`, answer);
}
