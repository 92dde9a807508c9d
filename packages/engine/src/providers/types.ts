/**
 * The one interface every part of the engine calls to reach a language model. Implementations:
 * the OpenAI-compatible client, the simulated model (packages/sim), and wrappers (limits, retries,
 * cache, accounting) that compose around either.
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Why a call was made; recorded with every call and shown in the call log. */
export type CallPurpose = 'forward' | 'target' | 'gradient' | 'update' | 'judge' | 'repair' | 'test';

export interface ChatRequest {
  messages: ChatMessage[];
  /** Model name; the provider's default when absent. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  /** Stream partial text through this callback while the answer arrives. */
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
  /** Provenance, copied into the call record. */
  meta?: CallMeta;
  /**
   * The answer expected: a JSON object of this schema. Providers that can ask the endpoint for
   * structured outputs send it; the call record says how the answer read. Part of the cache key.
   */
  answerFormat?: AnswerFormat;
  /**
   * Where the call stands when it has to wait for a slot of the endpoint's limiter: the highest
   * priority waiting goes first, ties in arrival order; absent counts as 0. A function, read each
   * time a slot frees, so a waiting call can be promoted (a call started ahead of its unit, once
   * that unit runs). Never sent, hashed or recorded.
   */
  priority?: () => number;
}

export interface CallMeta {
  purpose: CallPurpose;
  nodeId?: string;
  exampleId?: string;
  /** Caller-chosen stable id; lets a resumed session find a settled call again. */
  callKey?: string;
}

export interface TokenUsage {
  inputTokens: number;
  /** Every token the model generated, reasoning tokens included (as OpenAI counts them). */
  outputTokens: number;
  /** The part of `outputTokens` spent on hidden reasoning (`completion_tokens_details.reasoning_tokens`). */
  reasoningTokens?: number;
  /**
   * The part of `inputTokens` the provider served from its prompt-prefix cache
   * (`prompt_tokens_details.cached_tokens`), billed at the model's cached-input rate.
   */
  cachedInputTokens?: number;
}

/** How an answer's text read against the JSON object it was asked for. */
export interface AnswerCheck {
  /** `direct`: as asked; `lenient`: read after repairs named in `leniencies`; `unreadable`: not at all. */
  reading: 'direct' | 'lenient' | 'unreadable';
  leniencies?: string[];
  /** Why it could not be read, or did not match the schema. */
  error?: string;
}

/** A JSON-object answer format: its name, JSON Schema, and how to check an answer's text. */
export interface AnswerFormat {
  /** Letters, digits, `_` and `-` only (OpenAI's rule for `json_schema.name`). */
  name: string;
  /** JSON Schema of the answer object. */
  schema: Record<string, unknown>;
  /** Whether the schema meets OpenAI's strict mode (every property required, no extra ones). */
  strict: boolean;
  /** Reads an answer's text; its outcome is copied into the call record. */
  check?: (text: string) => AnswerCheck;
}

/** Why the model stopped: `length` means it was cut off at the token limit. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | (string & {});

export interface ChatResponse {
  text: string;
  usage: TokenUsage;
  /** The model that actually answered (servers may resolve aliases). */
  model: string;
  /** Unique id of this call's record. */
  callId: string;
  /** True when the answer came from a cache instead of the endpoint. */
  cached?: boolean;
  /** How many attempts the answer took (set by the retry wrapper; 1 when absent). */
  attempts?: number;
  /** Reasoning the model returned apart from its answer (`reasoning_content`), when it did. */
  reasoning?: string;
  /** Why the model stopped, when the endpoint said. */
  finishReason?: FinishReason;
  /** What the provider adapted for this call (e.g. a parameter the model refused), for the call log. */
  notes?: string[];
}

/** Messages in, text and usage out. Honour `request.signal`. */
export interface ChatModel {
  /** Shown in the UI and in reports, e.g. "Simulated model (offline)" or "openai · gpt-4o-mini". */
  readonly label: string;
  /** True for the simulator: the UI and reports must say so. */
  readonly simulated: boolean;
  complete(request: ChatRequest): Promise<ChatResponse>;
}

/** One row of the call log: what was asked, what came back, what it cost. */
export interface CallRecord {
  callId: string;
  purpose: CallPurpose;
  nodeId?: string;
  exampleId?: string;
  callKey?: string;
  model: string;
  startedAt: number;
  latencyMs: number;
  attempts: number;
  usage: TokenUsage;
  costUsd: number;
  cached: boolean;
  request: { messages: ChatMessage[]; temperature?: number; maxTokens?: number; seed?: number };
  responseText?: string;
  error?: string;
  /** Reasoning returned apart from the answer (`reasoning_content`). */
  reasoning?: string;
  /** Why the model stopped, when the endpoint said (`length`: cut off at the token limit). */
  finishReason?: FinishReason;
  /** How the answer read, for calls that asked for a JSON object. */
  answer?: AnswerCheck;
  /** What the provider adapted for this call, in sentences (structured outputs refused, ...). */
  notes?: string[];
}

/** Receives every call record as soon as the call settles (success or final failure). */
export type CallRecorder = (record: CallRecord) => void;
