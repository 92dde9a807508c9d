/**
 * Optimizer noise: with the configured rate an answer is replaced by a plausible wrong one that
 * still parses (a wrong input blamed, a target perturbed, a prompt made worse, a score flipped), so
 * that update gates and robustness can be exercised. Which answer and how is fixed by the hash.
 */
import type { TaskPayload } from '../../engine';
import type { RequestNoise } from '../noise';
import { applySkills, phraseStep } from '../parse';
import { joinSegments, segmentPrompt } from '../segments';
import { SKILLS } from '../skills/catalogue';
import { answerText } from './answer';

/** A confidently wrong value derived from `value` (words reversed, or "0" for an empty value). */
function garble(value: string): string {
  const reversed = applySkills([{ skill: 'reverse_words', params: {} }], value);
  return reversed === value ? `${value} 0`.trim() : reversed;
}

/** A worse prompt: one sentence dropped, or an unrelated step appended. */
function worsePrompt(prompt: string, noise: RequestNoise): string {
  const segments = segmentPrompt(prompt);
  if (segments.length > 1 && noise.pick('noise-prompt-kind', 2) === 0) {
    const drop = noise.pick('noise-prompt-drop', segments.length);
    return joinSegments(segments.filter((_, i) => i !== drop));
  }
  const skill = SKILLS[noise.pick('noise-prompt-skill', SKILLS.length)];
  const extra = skill
    ? phraseStep({ skill: skill.id, params: skill.exampleParams ?? {} })
    : 'Reverse the words';
  return `${prompt.trimEnd()} ${extra}.`.trim();
}

/** The noisy answer to `task`. */
export function noisyAnswer(task: TaskPayload, noise: RequestNoise): string {
  const why = 'I looked at the request quickly.';
  switch (task.task) {
    case 'sembp.gradient': {
      const blamed = task.inputs[noise.pick('noise-blame', task.inputs.length)];
      const inputs = Object.fromEntries(
        task.inputs.map((i) =>
          i === blamed
            ? [
                i.id,
                {
                  change: true,
                  message: 'This input looks wrong.',
                  suggestedValue: task.variant === 'target' ? garble(i.value) : undefined,
                },
              ]
            : [i.id, { change: false, message: 'This input is fine as it is.' }],
        ),
      );
      return answerText(why, { inputs });
    }
    case 'textgrad.gradient':
      return answerText(why, {
        change: noise.pick('noise-flip', 2) === 0,
        criticism: 'This input might be wrong.',
      });
    case 'textgrad.loss':
      return answerText(why, { feedback: 'The output looks acceptable.' });
    case 'gtbp.invert': {
      const targets = Object.fromEntries(task.inputs.map((i) => [i.id, i.value]));
      const victim = task.inputs[noise.pick('noise-target', task.inputs.length)];
      if (victim) targets[victim.id] = garble(victim.value);
      return answerText(why, { targets });
    }
    case 'gtbp.reconcile': {
      const choice = task.candidates[noise.pick('noise-reconcile', task.candidates.length)];
      return answerText(why, { target: garble(choice?.target ?? task.output) });
    }
    case 'gtbp.edit': {
      const claim = task.claims[noise.pick('noise-claim', task.claims.length)];
      const edits = claim && task.budget.maxEdits > 0 ? [{ action: 'delete', claimId: claim.id }] : [];
      return answerText(why, { edits });
    }
    case 'sembp.critique':
      return answerText(why, { pros: [], cons: ['The instruction is too long.'] });
    case 'sembp.update':
    case 'textgrad.update':
    case 'gepa.reflect':
      return answerText(why, { prompt: worsePrompt(task.node.instruction, noise) });
    case 'judge':
      return answerText(why, { score: noise.pick('noise-score', 2), feedback: 'Hard to say.' });
  }
}
