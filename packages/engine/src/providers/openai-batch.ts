/**
 * {@link BatchApi} on OpenAI's Files and Batch endpoints through the official SDK: the requests
 * uploaded as a JSONL file (purpose "batch"), a batch created on /v1/chat/completions with the
 * 24 h window, its state read back, its result files downloaded. Works in a Worker and in Node.
 */
import { toFile } from 'openai';
import type { BatchApi, BatchState } from './batch-model';
import { createSdkClient } from './sdk-client';

/** Where the Batch API lives. */
export interface OpenAIBatchOptions {
  baseURL: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

/** Creates the SDK-backed Batch API client. */
export function createOpenAIBatchApi(options: OpenAIBatchOptions): BatchApi {
  const client = createSdkClient({
    baseURL: options.baseURL,
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    async submit(jsonl) {
      const file = await client.files.create({
        file: await toFile(new TextEncoder().encode(jsonl), 'backflow-batch.jsonl', {
          type: 'application/jsonl',
        }),
        purpose: 'batch',
      });
      const batch = await client.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      return batch.id;
    },
    async status(batchId) {
      const batch = await client.batches.retrieve(batchId);
      const counts = batch.request_counts;
      const state: BatchState = {
        status: batch.status,
        total: counts?.total ?? 0,
        completed: counts?.completed ?? 0,
        failed: counts?.failed ?? 0,
      };
      if (batch.output_file_id) state.outputFileId = batch.output_file_id;
      if (batch.error_file_id) state.errorFileId = batch.error_file_id;
      const reason = batch.errors?.data?.[0]?.message;
      if (reason) state.error = reason;
      return state;
    },
    async download(fileId) {
      return (await client.files.content(fileId)).text();
    },
  };
}
