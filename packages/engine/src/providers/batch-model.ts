/**
 * A ChatModel that sends its calls through a provider's Batch API instead of one request each:
 * calls that arrive together (within `debounceMs`; a forward pass issues a whole graph level of
 * every example at once) go into one batch, which is submitted, polled with progress until it
 * ends, and answered line by line. Each batch's id is kept in a journal under a hash of its
 * content, so a process that restarts while a batch runs finds it again and waits for it instead
 * of paying for it twice. Batches cost half the synchronous price at OpenAI: price the records
 * with {@link batchPrices}.
 */
import type { PriceTable } from './accounting';
import { DEFAULT_PRICES } from './accounting';
import { ProviderError } from './errors';
import { stableHash } from './hash';
import { realSleep, type Sleep } from './sleep';
import type { ChatModel, ChatRequest, ChatResponse } from './types';

/** Where a batch stands, as the provider reports it. */
export interface BatchState {
  status:
    | 'validating'
    | 'in_progress'
    | 'finalizing'
    | 'completed'
    | 'failed'
    | 'expired'
    | 'cancelling'
    | 'cancelled';
  total: number;
  completed: number;
  failed: number;
  outputFileId?: string;
  errorFileId?: string;
  /** The provider's reason, when the whole batch failed. */
  error?: string;
}

/** The three things a Batch API does (OpenAI's shape; see openai-batch.ts). */
export interface BatchApi {
  /** Uploads the JSONL requests and creates the batch; resolves to the batch id. */
  submit(jsonl: string): Promise<string>;
  status(batchId: string): Promise<BatchState>;
  /** A result file's text (JSONL). */
  download(fileId: string): Promise<string>;
}

/** Batch ids by content hash; kept across restarts (a file in the CLI, IndexedDB in the studio). */
export interface BatchJournal {
  get(key: string): Promise<string | undefined>;
  set(key: string, batchId: string): Promise<void>;
}

/** Progress of the batch being waited for. */
export interface BatchProgress {
  batchId: string;
  status: BatchState['status'];
  total: number;
  done: number;
}

/** Options of {@link createBatchModel}. */
export interface BatchModelOptions {
  api: BatchApi;
  /** The model named in each request line when a request names none. */
  model: string;
  journal: BatchJournal;
  /** Shown in the UI and reports. */
  label: string;
  /** Poll interval (default 5 s; OpenAI batches take minutes to hours). */
  pollMs?: number;
  /** How long to wait for more calls before a batch is sent (default 50 ms). */
  debounceMs?: number;
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Where calls go when the endpoint has no Batch API (its upload answers 404, 405 or 501): the
   * normal concurrent path. Without it, such an endpoint fails the calls.
   */
  fallback?: ChatModel;
  /** Told once, with the reason, when calls switch to the fallback. */
  onFallback?: (reason: string) => void;
  sleep?: Sleep;
}

interface Pending {
  request: ChatRequest;
  resolve: (response: ChatResponse) => void;
  reject: (error: unknown) => void;
}

const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** Halves every price: OpenAI bills Batch API calls at 50% of the synchronous rate. */
export function batchPrices(prices: PriceTable = DEFAULT_PRICES): PriceTable {
  return Object.fromEntries(
    Object.entries(prices).map(([name, p]) => [
      name,
      { inputPerMTok: p.inputPerMTok / 2, outputPerMTok: p.outputPerMTok / 2 },
    ]),
  );
}

/** Creates the batching model (see the module comment). */
export function createBatchModel(options: BatchModelOptions): ChatModel {
  const sleep = options.sleep ?? realSleep;
  let pending: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent = 0;
  let unsupported = false;

  function schedule() {
    if (timer !== undefined) return;
    // setTimeout unbound: a Worker throws "Illegal invocation" on a detached method.
    timer = setTimeout(() => {
      timer = undefined;
      const group = pending;
      pending = [];
      void runBatch(group);
    }, options.debounceMs ?? 50);
  }

  async function runBatch(group: Pending[]) {
    try {
      const lines = group.map((p, i) => JSON.stringify(requestLine(p.request, i, options.model)));
      const jsonl = `${lines.join('\n')}\n`;
      const key = `batch-${stableHash(jsonl)}`;
      let batchId = await options.journal.get(key);
      if (batchId === undefined) {
        try {
          batchId = await options.api.submit(jsonl);
        } catch (error) {
          if (!options.fallback || !noBatchApi(error)) throw error;
          unsupported = true;
          options.onFallback?.(
            `the endpoint has no Batch API (${(error as Error).message}); calls go one by one`,
          );
          for (const p of group) options.fallback.complete(p.request).then(p.resolve, p.reject);
          return;
        }
        await options.journal.set(key, batchId);
      }
      const state = await waitFor(batchId, group);
      const answers = new Map<string, unknown>();
      for (const fileId of [state.outputFileId, state.errorFileId]) {
        if (!fileId) continue;
        for (const line of (await options.api.download(fileId)).split('\n')) {
          if (line.trim() === '') continue;
          const row = JSON.parse(line) as { custom_id?: string };
          if (row.custom_id) answers.set(row.custom_id, row);
        }
      }
      for (const [i, p] of group.entries()) settle(p, answers.get(`r${i}`), batchId);
    } catch (error) {
      for (const p of group) p.reject(error);
    }
  }

  async function waitFor(batchId: string, group: Pending[]): Promise<BatchState> {
    const signal = group.find((p) => p.request.signal)?.request.signal;
    for (;;) {
      const state = await options.api.status(batchId);
      options.onProgress?.({
        batchId,
        status: state.status,
        total: state.total,
        done: state.completed + state.failed,
      });
      if (FINAL.has(state.status)) {
        if (state.status !== 'completed') {
          throw new ProviderError({
            kind: 'server',
            attempts: 1,
            message: `The batch ${batchId} ended as ${state.status}${state.error ? `: ${state.error}` : ''}.`,
          });
        }
        return state;
      }
      await sleep(options.pollMs ?? 5000, signal);
    }
  }

  function settle(p: Pending, row: unknown, batchId: string) {
    const response = (row as { response?: { status_code?: number; body?: Record<string, unknown> } })
      ?.response;
    const body = response?.body as
      | {
          model?: string;
          choices?: { message?: { content?: string } }[];
          usage?: { prompt_tokens?: number; completion_tokens?: number };
          error?: { message?: string };
        }
      | undefined;
    if (response?.status_code !== 200 || !body?.choices?.[0]) {
      const why =
        body?.error?.message ?? (row ? `status ${response?.status_code}` : 'no answer in its result files');
      p.reject(
        new ProviderError({
          kind: response?.status_code && response.status_code < 500 ? 'bad-request' : 'server',
          attempts: 1,
          message: `A request of batch ${batchId} failed: ${why}.`,
          ...(response?.status_code ? { status: response.status_code } : {}),
        }),
      );
      return;
    }
    p.resolve({
      text: body.choices[0].message?.content ?? '',
      usage: {
        inputTokens: body.usage?.prompt_tokens ?? 0,
        outputTokens: body.usage?.completion_tokens ?? 0,
      },
      model: body.model ?? p.request.model ?? options.model,
      callId: `${batchId}/${++sent}`,
    });
  }

  return {
    label: options.label,
    simulated: false,
    complete(request) {
      if (unsupported && options.fallback) return options.fallback.complete(request);
      return new Promise<ChatResponse>((resolve, reject) => {
        if (request.signal?.aborted) return reject(request.signal.reason);
        pending.push({ request, resolve, reject });
        schedule();
      });
    },
  };
}

/** True for the answers of an endpoint without the route (not for a failure of a real batch). */
function noBatchApi(error: unknown): boolean {
  const status = (error as { status?: unknown })?.status;
  return status === 404 || status === 405 || status === 501;
}

/** One JSONL line of the Batch API: a chat completion request under a custom id. */
function requestLine(request: ChatRequest, index: number, defaultModel: string) {
  return {
    custom_id: `r${index}`,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: request.model ?? defaultModel,
      messages: request.messages,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
    },
  };
}
