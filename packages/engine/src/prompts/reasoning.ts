/**
 * Reasoning text that models put in their answer: `<think>…</think>` (Qwen3, DeepSeek-R1 on
 * Ollama, vLLM, llama.cpp), also spelled `<thinking>` or `<reasoning>`. It is the model's scratch
 * work, not its answer: left in a node's output it would flow downstream and into the loss.
 */

/** An answer split into what the model answered and the reasoning it showed on the way. */
export interface SplitReasoning {
  /** The answer without any reasoning block, trimmed. */
  answer: string;
  /** The reasoning blocks' text, in order (empty when there was none). */
  reasoning: string[];
}

const CLOSED_BLOCK = /<(think|thinking|reasoning)>([\s\S]*?)<\/\1>/gi;
const OPENING = /<(think|thinking|reasoning)>/i;
const LONE_CLOSING = /<\/(think|thinking|reasoning)>/i;

/**
 * Removes reasoning blocks from `text`. Besides closed blocks it handles the two shapes real
 * servers produce: a closing tag without its opening one (chat templates that open the block in the
 * prompt), whose preceding text is reasoning; and an opening tag never closed (the answer was cut
 * off while the model was still thinking), whose following text is reasoning.
 */
export function splitReasoning(text: string): SplitReasoning {
  // Most answers have no tag at all: skip the three scans (this runs on every forward call).
  if (!text.includes('<')) return { answer: text, reasoning: [] };
  const reasoning: string[] = [];
  let rest = text.replace(CLOSED_BLOCK, (_all, _tag, body: string) => {
    reasoning.push(body.trim());
    return '';
  });
  const lone = LONE_CLOSING.exec(rest);
  if (lone && !OPENING.test(rest.slice(0, lone.index))) {
    reasoning.unshift(rest.slice(0, lone.index).trim());
    rest = rest.slice(lone.index + lone[0].length);
  }
  const open = OPENING.exec(rest);
  if (open) {
    reasoning.push(rest.slice(open.index + open[0].length).trim());
    rest = rest.slice(0, open.index);
  }
  if (reasoning.length === 0) return { answer: text, reasoning };
  return { answer: rest.trim(), reasoning: reasoning.filter((r) => r.length > 0) };
}
