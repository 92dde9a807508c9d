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
  outputTokens: number;
}

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
}

/** Receives every call record as soon as the call settles (success or final failure). */
export type CallRecorder = (record: CallRecord) => void;
