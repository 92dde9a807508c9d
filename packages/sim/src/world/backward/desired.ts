/**
 * What should this output have been? Read from the backward messages a node received, the way a
 * model would read them: an explicit suggested value, a quoted "should be ..." in the text, or
 * named missing steps ("it still needs: convert to upper case") applied to the current output.
 */
import type { TaskMessage } from '../../engine';
import { applySkills, stepsOf } from '../parse';

export interface Desired {
  /** False when every message says the output is fine. */
  asksChange: boolean;
  /** The output it should have been, when the messages say (or imply) it. */
  value?: string;
}

const QUOTED_VALUE =
  /(?:should (?:be|have been|read)|expected (?:output|answer|value) (?:is|was)|target (?:is|was))[:\s]*("(?:[^"\\]|\\.)*")/i;
const PLAIN_VALUE = /expected (?:output|answer|value) (?:is|was)[:\s]+(.+)/i;
const NEEDS = /still needs?(?: to)?[:\s]+([^\n]*)/i;
const FINE =
  /\b(?:no change|is fine|are fine|looks right|looks correct|already correct|matches the target)\b/i;

function readQuoted(text: string): string | undefined {
  const m = QUOTED_VALUE.exec(text);
  if (m?.[1]) {
    try {
      return JSON.parse(m[1]) as string;
    } catch {
      return undefined;
    }
  }
  const plain = PLAIN_VALUE.exec(text)?.[1]?.trim();
  return plain ? plain.replace(/\.$/, '') : undefined;
}

/** The desired value one message implies for `output`, if any. */
function fromMessage(message: TaskMessage, output: string): string | undefined {
  if (message.suggestedValue !== undefined) return message.suggestedValue;
  const quoted = readQuoted(message.text);
  if (quoted !== undefined) return quoted;
  const needs = NEEDS.exec(message.text)?.[1];
  if (needs) {
    const steps = stepsOf(needs);
    if (steps.length > 0) return applySkills(steps, output);
  }
  return undefined;
}

/**
 * Combines the messages (several successors may write): the most frequent implied value wins,
 * ties go to the first sender. Messages that say "no change" count as asking for the output as is.
 */
export function desiredFromMessages(messages: readonly TaskMessage[], output: string): Desired {
  if (messages.length === 0) return { asksChange: false };
  const votes = new Map<string, number>();
  let asksChange = false;
  for (const message of messages) {
    const value = fromMessage(message, output);
    if (value !== undefined) {
      votes.set(value, (votes.get(value) ?? 0) + 1);
      if (value.trim() !== output.trim()) asksChange = true;
    } else if (!FINE.test(message.text) && message.text.trim() !== '') {
      asksChange = true;
    }
  }
  let best: string | undefined;
  let bestVotes = 0;
  for (const [value, count] of votes) {
    if (count > bestVotes) {
      best = value;
      bestVotes = count;
    }
  }
  if (!asksChange) return { asksChange: false, value: best ?? output };
  return best === undefined ? { asksChange: true } : { asksChange: true, value: best };
}
