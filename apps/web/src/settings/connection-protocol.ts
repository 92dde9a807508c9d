/**
 * The messages between the settings panel and its connection-test Worker: one request in, any
 * number of `partial` messages while the answer streams, then exactly one `done` or `failed`.
 */
import type { ModelSettings } from './provider-settings';

/** The endpoint to test, in the one settings shape (the key stays in memory only). */
export interface ConnectionTestRequest {
  type: 'test';
  settings: ModelSettings;
}

/** What the Worker reports. */
export type ConnectionTestMessage =
  /** The reply streamed so far (the whole text, not a delta). */
  | { type: 'partial'; text: string }
  | { type: 'done'; reply: string; latencyMs: number; model: string }
  /** The diagnosis sentence: CORS, key, model name, base URL path, or the server's own words. */
  | { type: 'failed'; message: string };
