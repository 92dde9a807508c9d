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

/**
 * The SDK, given a caller's signal, joins it to its own request controller with
 * `AbortSignal.any` and weak references on every request: 14-67 µs of CPU and garbage per call,
 * a tenth of a whole call's cost against a fast local server. Backflow hands the SDK a signal of
 * its own per request (a retry attempt's, or a `followSignal` link in `send`), so one plain
 * listener that aborts the SDK's controller cancels the request and its body just the same. The
 * SDK's own checks of the caller's signal (a user abort is reported as such) are untouched: they
 * read `options.signal`.
 */
class PerRequestSignalClient extends OpenAI {
  override fetchWithTimeout(
    url: Parameters<OpenAI['fetchWithTimeout']>[0],
    init: RequestInit | undefined,
    ms: number,
    controller: AbortController,
  ): Promise<Response> {
    const signal = init?.signal;
    if (!signal) return super.fetchWithTimeout(url, init, ms, controller);
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
    return super.fetchWithTimeout(url, { ...init, signal: null }, ms, controller);
  }
}

// The SDK names its User-Agent after the client's class (`this.constructor.name`, in a private
// method): under its own name this subclass would announce every request as
// `PerRequestSignalClient/JS`, where servers, proxies and OpenAI's logs know `OpenAI/JS`.
Object.defineProperty(PerRequestSignalClient, 'name', { value: 'OpenAI' });

/**
 * Creates the configured SDK client. A signal passed to one of its requests must be that
 * request's own (`followSignal`): the listener it gets is never removed.
 */
export function createSdkClient(options: SdkClientOptions): OpenAI {
  const key = options.apiKey?.trim();
  return new PerRequestSignalClient({
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
