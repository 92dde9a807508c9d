/**
 * A forward call in the simulated world: the skills the system prompt asks for, applied in order
 * to the user message. A prompt that asks for nothing recognisable gets a plausible but unhelpful
 * answer: the last line of the input, echoed.
 */
import type { ChatMessage } from '../engine';
import type { RequestNoise } from './noise';
import { applySkills, describeSteps, stepsOf } from './parse';
import type { SkillStep } from './skills/types';
import { linesOf } from './text';

/** A tag the prompt asks the answer to be wrapped in, e.g. `<answer>` (engines that parse tags). */
const ANSWER_TAG = /<(answer|output|final_answer|final)>/i;

/** The answer text for a system prompt and a user message (no noise). */
export function forwardAnswer(systemPrompt: string, userMessage: string): string {
  return runSteps(stepsOf(systemPrompt), userMessage);
}

function runSteps(steps: readonly SkillStep[], userMessage: string): string {
  if (steps.length === 0) return linesOf(userMessage).at(-1) ?? '';
  return applySkills(steps, userMessage);
}

/**
 * Answers a forward request. With noise, one step of the prompt is skipped (or, with no steps, the
 * first line is echoed instead of the last): the kind of slip a weak model makes.
 */
export function respondForward(
  messages: readonly ChatMessage[],
  noise: RequestNoise,
  errorRate: number,
): string {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const user = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const steps = stepsOf(system);
  let answer: string;
  if (noise.chance('forward-error', errorRate)) {
    if (steps.length === 0) answer = linesOf(user)[0] ?? '';
    else {
      const skip = noise.pick('forward-skip', steps.length);
      answer = runSteps(
        steps.filter((_, i) => i !== skip),
        user,
      );
    }
  } else {
    answer = runSteps(steps, user);
  }
  const tag = ANSWER_TAG.exec(system)?.[1] ?? ANSWER_TAG.exec(user)?.[1];
  if (!tag) return answer;
  return `Steps: ${describeSteps(steps)}.\n<${tag}>${answer}</${tag}>`;
}
