/**
 * The two ways a benchmark reaches the simulator: over HTTP through the engine's real OpenAI
 * provider stack (SDK client, retries, limiter), or in process through the same provider wrapper.
 */
import {
  type CallRecord,
  type ChatModel,
  createMemoryCache,
  createOpenAIProvider,
  createProvider,
  type RunContext,
} from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';

/** A running simulator server and a way to count the completions it has answered. */
export interface SimEndpoint {
  server: SimServer;
  /** Chat completions in the server's request log so far. */
  completions(): number;
  close(): Promise<void>;
}

/** Starts `serve-sim` in process on 127.0.0.1 (port 0) with a fixed latency. */
export async function startEndpoint(latencyMs: number): Promise<SimEndpoint> {
  const server = await startSimServer({
    model: createSimulatedModel({ seed: 1 }),
    latencyMs,
    logLimit: 1_000_000,
  });
  return {
    server,
    completions: () => server.log.filter((e) => e.path.endsWith('/chat/completions')).length,
    close: () => server.close(),
  };
}

/** The engine's provider stack against the endpoint at `baseURL` (one model for forward and optimizer calls). */
export function httpContext(baseURL: string, concurrency: number): RunContext {
  const model = createOpenAIProvider({
    baseURL,
    apiKey: 'bench',
    model: 'backflow-sim',
    concurrency,
  });
  return { forwardModel: model, optimizerModel: model };
}

/** The in-process simulator wrapped by the provider layer, with every call record kept. */
export function inProcessContext(
  concurrency: number,
  options: { cache?: boolean } = {},
): { ctx: RunContext; records: CallRecord[]; model: ChatModel } {
  const records: CallRecord[] = [];
  const model = createProvider({
    base: createSimulatedModel({ seed: 1 }),
    model: 'simulated',
    concurrency,
    recorder: (record) => records.push(record),
    ...(options.cache ? { cache: createMemoryCache(100_000) } : {}),
  });
  return { ctx: { forwardModel: model, optimizerModel: model }, records, model };
}
