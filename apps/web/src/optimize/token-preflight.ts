/**
 * The preflight's token range, counted rather than assumed: the engine's call counts per kind
 * times the tokens the workflow's own prompts and the dataset's own examples take (a real
 * tokenizer, `gpt-tokenizer`'s cl100k, loaded on first use so the first bundle stays lean), priced
 * with the configured prices. A range, because what later nodes receive and what backward calls
 * carry (traces, feedback) is only known once the run is under way.
 */
import {
  blendedUsdPerMTok,
  callsModel,
  type Example,
  nodeKindOf,
  type PreflightEstimate,
  type PriceTable,
  type Workflow,
} from '@backflow/engine';

/** Counts the tokens of a text. */
export type TokenCounter = (text: string) => number;

/** Longer texts are counted on their first this many characters and scaled (the panel stays responsive). */
const EXACT_CHARS = 200_000;

/** The tokenizer, loaded on first use. */
export async function loadTokenCounter(): Promise<TokenCounter> {
  const { countTokens } = await import('gpt-tokenizer');
  return (text) =>
    text.length <= EXACT_CHARS
      ? countTokens(text)
      : Math.round((countTokens(text.slice(0, EXACT_CHARS)) * text.length) / EXACT_CHARS);
}

export interface TokenRange {
  /** Tokens of one forward call, averaged over the llm nodes and a sample of examples. */
  perForwardCall: number;
  low: number;
  high: number;
  costLow: number;
  costHigh: number;
}

/** Examples read for the averages: enough for a mean, bounded for a 50,000-row dataset. */
const SAMPLE = 64;
/** A backward or update call carries a node's prompt, its inputs and outputs, and feedback. */
const BACKWARD_LOW = 2;
const BACKWARD_HIGH = 4;
/** Later nodes receive earlier answers, which may be longer than the example's inputs. */
const FORWARD_HIGH = 1.5;

/**
 * Tokens of one forward call: the llm nodes' prompts (mean over nodes) plus a sample of the
 * examples' inputs and an answer about as long as their targets. Counted once per workflow and
 * dataset version (a 5 MB prompt is counted, not guessed).
 */
export function forwardCallTokens(
  workflow: Workflow,
  examples: readonly Example[],
  count: TokenCounter,
): number {
  const llm = workflow.nodes.filter(callsModel);
  const sample = examples.slice(0, SAMPLE);
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((s, x) => s + x, 0) / values.length;
  const inputTokens = mean(sample.map((e) => count(Object.values(e.inputs).join('\n'))));
  // A short floor for labels and numbers.
  const outputTokens = Math.max(16, mean(sample.map((e) => count(e.target))));
  const promptTokens = mean(
    llm.map((n) => (nodeKindOf(n).texts?.(n) ?? []).reduce((sum, [, text]) => sum + count(text), 0)),
  );
  return Math.round(promptTokens + inputTokens + outputTokens);
}

/** The range of tokens and dollars of `estimate`'s calls at `perForwardCall` tokens a forward call. */
export function tokenRange(
  estimate: PreflightEstimate,
  perForwardCall: number,
  prices: PriceTable,
): TokenRange {
  const b = estimate.breakdown;
  const forwardCalls = b.baseline + b.forward + b.loss + b.gate + b.validation;
  const backwardCalls = b.seed + b.backward + b.update;
  const low = Math.round(perForwardCall * (forwardCalls + BACKWARD_LOW * backwardCalls));
  const high = Math.round(perForwardCall * (FORWARD_HIGH * forwardCalls + BACKWARD_HIGH * backwardCalls));
  const usdPerMTok = blendedUsdPerMTok(Object.keys(prices), prices);
  return {
    perForwardCall,
    low,
    high,
    costLow: (low / 1e6) * usdPerMTok,
    costHigh: (high / 1e6) * usdPerMTok,
  };
}
