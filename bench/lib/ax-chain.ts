/**
 * The benchmark's 3-stage chain as an Ax flow(): three nodes, each with its instruction as the
 * signature's description, executed one after another on the sentence.
 */
import { type AxAIService, ai, flow } from '@ax-llm/ax';

/** An Ax AI service for an OpenAI-compatible endpoint (the simulator server). */
export function axService(baseURL: string): AxAIService {
  return ai({
    name: 'openai-compatible',
    apiKey: 'bench',
    apiURL: baseURL,
    config: { model: 'backflow-sim', stream: false },
  } as Parameters<typeof ai>[0]) as AxAIService;
}

/** The chain as an Ax flow with the given instructions for its three stages. */
export function axChain(prompts: readonly [string, string, string]) {
  const describe = (prompt: string) => `"${prompt.replace(/"/g, "'")}"`;
  return flow<{ sentenceText: string }, { finalText: string }>()
    .node('stageOne', `${describe(prompts[0])} sentenceText:string -> stageOneText:string`)
    .node('stageTwo', `${describe(prompts[1])} stageOneText:string -> stageTwoText:string`)
    .node('stageThree', `${describe(prompts[2])} stageTwoText:string -> finalText:string`)
    .execute('stageOne', (s) => ({ sentenceText: s.sentenceText }))
    .execute('stageTwo', (s) => ({ stageOneText: s.stageOneResult.stageOneText }))
    .execute('stageThree', (s) => ({ stageTwoText: s.stageTwoResult.stageTwoText }))
    .returns((s) => ({ finalText: s.stageThreeResult.finalText }));
}
