/**
 * `experiment --batch`: each run's test pass through the endpoint's Batch API at half price
 * (engine: providers/batch-model.ts), with the batch ids kept in `<out>/batches.json` so a
 * restarted experiment waits for its batch instead of submitting it again. An endpoint without
 * the Batch API falls back to the normal concurrent path, said once on stderr.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BatchJournal,
  batchPrices,
  createBatchModel,
  createOpenAIBatchApi,
  createProvider,
  type PriceTable,
  type RunContext,
} from '@backflow/engine';
import { usageError } from '../cli/exit-codes';
import { writeFileAtomic } from '../cli/files';
import type { CliIo } from '../cli/io';
import type { ModelSetup } from '../providers/build-models';
import { type ProviderOptions, resolveApiKey } from '../providers/provider-options';

/** A batch journal in one JSON file, rewritten atomically on every new batch. */
async function fileJournal(path: string): Promise<BatchJournal> {
  let ids: Record<string, string> = {};
  try {
    ids = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
  } catch {
    // No journal yet: this experiment has submitted no batch.
  }
  return {
    get: async (key) => (Object.hasOwn(ids, key) ? ids[key] : undefined),
    set: async (key, batchId) => {
      ids = { ...ids, [key]: batchId };
      await writeFileAtomic(path, `${JSON.stringify(ids, null, 2)}\n`);
    },
  };
}

/** Refuses `--batch` where there is no endpoint to batch on (before anything is written). */
export function checkBatchable(provider: ProviderOptions): void {
  if (provider.provider !== 'openai')
    throw usageError(
      '--batch needs an OpenAI-compatible endpoint (--base-url URL); the in-process simulator has no Batch API: start `backflow serve-sim` and point --base-url at it.',
    );
}

/** The test pass's context and prices (call {@link checkBatchable} first). */
export async function batchTestPass(args: {
  provider: ProviderOptions;
  models: ModelSetup;
  dir: string;
  io: CliIo;
  pollMs: number;
  onStatus: (note: string) => void;
}): Promise<{ context: () => RunContext; prices: PriceTable }> {
  const { provider, models, io } = args;
  const baseURL = provider.baseUrl ?? 'https://api.openai.com/v1';
  const model = provider.model ?? 'gpt-4o-mini';
  let warned = false;
  const base = createBatchModel({
    api: createOpenAIBatchApi({ baseURL, apiKey: resolveApiKey(provider, io.env) }),
    model,
    journal: await fileJournal(join(args.dir, 'batches.json')),
    label: `${models.labels.forward} (Batch API)`,
    pollMs: args.pollMs,
    fallback: models.ctx.forwardModel,
    onFallback: (reason) => {
      if (!warned) io.stderr(`experiment: ${reason}\n`);
      warned = true;
    },
    onProgress: (p) => args.onStatus(`test batch ${p.batchId}: ${p.done}/${p.total} (${p.status})`),
  });
  const prices = batchPrices();
  const forwardModel = createProvider({ base, model, prices, retry: { maxAttempts: 1 } });
  return { context: () => ({ ...models.ctx, forwardModel }), prices };
}
