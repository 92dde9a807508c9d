/**
 * The official `openai` SDK client as every Backflow path configures it (chat completions and the
 * Batch API alike): no key means no Authorization header at all (the SDK refuses to start without
 * one, so a placeholder stands in and the header is removed), and explicit nulls keep the Node
 * environment's OPENAI_* variables out. Works in a browser Worker and in Node.
 */
import OpenAI from 'openai';

/** Where the client goes and how. */
export interface SdkClientOptions {
  baseURL: string;
  apiKey?: string;
  /** The SDK's own request timeout (ms). */
  timeoutMs?: number;
  /** The SDK's own retries; absent keeps the SDK's default. */
  maxRetries?: number;
  /** A fetch implementation (tests, proxies). */
  fetch?: typeof fetch;
}

const NO_KEY_PLACEHOLDER = 'no-key';

/** Creates the configured SDK client. */
export function createSdkClient(options: SdkClientOptions): OpenAI {
  const key = options.apiKey?.trim();
  return new OpenAI({
    baseURL: options.baseURL,
    apiKey: key || NO_KEY_PLACEHOLDER,
    adminAPIKey: null,
    organization: null,
    project: null,
    ...(key ? {} : { defaultHeaders: { Authorization: null } }),
    dangerouslyAllowBrowser: true,
    logLevel: 'off',
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
