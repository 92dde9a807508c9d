/**
 * The messages between the settings panel and its connection-test Worker: one request in, any
 * number of `partial` messages while the answer streams, then exactly one `done` or `failed`.
 */

/** What the Worker needs to reach an OpenAI-compatible endpoint (the key stays in memory only). */
export interface ConnectionTestRequest {
  type: 'test';
  baseURL: string;
  apiKey: string;
  model: string;
  temperature: number;
  /** Per-attempt time limit in ms. */
  timeoutMs: number;
  /** The provider preset, for a diagnosis that names the right fix (e.g. OLLAMA_ORIGINS). */
  preset?: string;
}

/** What the Worker reports. */
export type ConnectionTestMessage =
  /** The reply streamed so far (the whole text, not a delta). */
  | { type: 'partial'; text: string }
  | { type: 'done'; reply: string; latencyMs: number; model: string }
  /** The diagnosis sentence: CORS, key, model name, base URL path, or the server's own words. */
  | { type: 'failed'; message: string };

/** The one question every connection test asks; short, so a test costs next to nothing. */
export const CONNECTION_TEST_PROMPT = 'Reply with the single word OK.';
