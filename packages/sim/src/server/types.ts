/** Options, log rows and the handle of the simulator's OpenAI-compatible HTTP server. */
import type { ChatModel } from '../engine';
import type { RealisticAnswersOptions } from '../realistic/realistic-model';

/** Share (0..1) of chat-completion requests that get each injected fault. */
export interface FaultRates {
  /** 429 with a Retry-After header. */
  rate429: number;
  /** Seconds sent in Retry-After with each injected 429 (default 1). */
  retryAfterSeconds: number;
  /** 500 with an OpenAI-style error body. */
  rate500: number;
  /** Never answered until the client gives up or the server closes. */
  rateHang: number;
  /** The connection is destroyed half-way through the body or the stream. */
  rateTruncate: number;
  /** A 200 whose JSON body (or one SSE data line) is not valid JSON. */
  rateMalformed: number;
}

/** Which fault a request got; `null` when it was answered normally. */
export type FaultKind = '429' | '500' | 'hang' | 'truncate' | 'malformed';

export interface SimServerOptions {
  /** Answers every chat completion; any ChatModel works (the skill world, or a test model). */
  model: ChatModel;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator is a local test tool, never a public service. */
  host?: string;
  /** Fixed delay before each chat completion is answered (default 0). */
  latencyMs?: number;
  /** Extra uniform random delay in [0, jitterMs) on top of `latencyMs` (default 0). */
  jitterMs?: number;
  /** Per-kind rates, or one total rate split across the kinds (see faults.ts). */
  faults?: Partial<FaultRates> | number;
  /** Seed of the fault and jitter draws (default 1). */
  seed?: number;
  /** When set, requests must send `Authorization: Bearer <apiKey>` or get a 401. */
  apiKey?: string;
  /** Model names served; when set, other names get a 404 like OpenAI's. Listed by GET /v1/models. */
  models?: string[];
  /** Characters per streamed content chunk (default 16). */
  chunkChars?: number;
  /** Pause between streamed chunks in ms, so a person can watch a stream arrive (default 0). */
  chunkDelayMs?: number;
  /** Rows kept in the request log (default 10 000; oldest dropped). */
  logLimit?: number;
  /** Make a seeded share of answers slip the way real models do (prose, fences, think blocks...). */
  realistic?: RealisticAnswersOptions;
  /** Refuse `response_format` json_schema with a 400, like a server without structured outputs. */
  rejectResponseFormat?: boolean;
  /**
   * Model names served as OpenAI-style reasoning models: `max_tokens` and a temperature other
   * than 1 get a 400 naming the parameter.
   */
  reasoningModels?: string[];
  /**
   * Imitate OpenAI's automatic prompt caching: prompts of 1,024+ tokens that start like a recent
   * one report the shared part as `cached_tokens` (default on; false turns it off).
   */
  promptCache?: boolean;
  /** Batch API: pause before each line of a batch is answered (default 0). */
  batchDelayMs?: number;
}

/** One row of the request log. */
export interface RequestLogEntry {
  /** ISO time the request arrived. */
  time: string;
  requestId: string;
  method: string;
  path: string;
  model?: string;
  stream: boolean;
  fault: FaultKind | null;
  /** HTTP status sent; null while pending, for hung requests and when no status was sent. */
  status: number | null;
  /** Chat completions in flight when this one arrived, this one included. */
  inFlightAtStart: number;
  /** The last user message (first 200 characters), to tell requests apart in tests and logs. */
  lastUserMessage?: string;
  /** The `response_format` json_schema's name when the request asked for structured outputs. */
  responseFormat?: string;
  /** How the exchange ended. */
  outcome: 'pending' | 'answered' | 'fault' | 'error' | 'client-closed';
}

/** A running simulator server. */
export interface SimServer {
  /** Base URL for OpenAI clients, e.g. `http://127.0.0.1:54321/v1`. */
  readonly baseURL: string;
  readonly port: number;
  readonly host: string;
  /** A copy of the request log, oldest first. */
  readonly log: RequestLogEntry[];
  /** Chat completions in flight right now. */
  readonly inFlight: number;
  /** Empties the request log. */
  clearLog(): void;
  /** Stops listening, destroys every open socket (hung requests included) and resolves when closed. */
  close(): Promise<void>;
}
