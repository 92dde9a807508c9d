/**
 * The practical limit of benchmark 4: the same 3-stage chain sent through the official `openai`
 * SDK in a plain promise pool, with nothing of Backflow's in the path (no limiter, retries, cache,
 * accounting or traces). It sends exactly the messages the engine sends for this chain (the node's
 * instruction as the system message, the previous answer as the user message, temperature 0), so
 * the simulator gives the same answers and the wall times compare like for like.
 */
import OpenAI from 'openai';
import { mapPool } from './pool';

/** Runs each text through the three instructions in turn, `concurrency` chains in flight. */
export function runRawSdkChain(
  baseURL: string,
  prompts: readonly string[],
  texts: readonly string[],
  concurrency: number,
): Promise<string[]> {
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0 });
  return mapPool(texts, concurrency, async (text) => {
    let current = text;
    for (const prompt of prompts) {
      const completion = await client.chat.completions.create({
        model: 'backflow-sim',
        temperature: 0,
        messages: [
          { role: 'system', content: prompt },
          { role: 'user', content: current },
        ],
      });
      current = completion.choices[0]?.message.content ?? '';
    }
    return current;
  });
}
