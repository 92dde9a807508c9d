/**
 * The official `openai` SDK client as every Backflow path configures it (chat completions and the
 * Batch API alike): no key means no Authorization header at all (the SDK refuses to start without
 * one, so a placeholder stands in and the header is removed), and explicit nulls keep the Node
 * environment's OPENAI_* variables out. Works in a browser Worker and in Node.
 */
import OpenAI from 'openai';
import { linkCarriedBy } from './signals';

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
 * a tenth of a whole call's cost against a fast local server, and it adds and removes listeners of
 * its own on the signal around the body read. Backflow gives the SDK no signal: a request that can
 * be cancelled carries its link in its fetch options (signals.ts), and this client aborts the
 * SDK's own request controller from the link, which cancels the request and its body just the
 * same. A caller of this client who passes a `signal` still gets the SDK's own handling.
 */
class LinkedCancelClient extends OpenAI {
  override fetchWithTimeout(
    url: Parameters<OpenAI['fetchWithTimeout']>[0],
    init: RequestInit | undefined,
    ms: number,
    controller: AbortController,
  ): Promise<Response> {
    linkCarriedBy(init)?.onAbort(abortOf(controller));
    return super.fetchWithTimeout(url, init, ms, controller);
  }
}

/** A function that aborts `controller` and holds nothing else (not the request's options). */
function abortOf(controller: AbortController): () => void {
  return () => controller.abort();
}

// The SDK names its User-Agent after the client's class (`this.constructor.name`, in a private
// method): under its own name this subclass would announce every request as
// `LinkedCancelClient/JS`, where servers, proxies and OpenAI's logs know `OpenAI/JS`.
Object.defineProperty(LinkedCancelClient, 'name', { value: 'OpenAI' });

/** Creates the configured SDK client; a request's `fetchOptionsCarrying(link)` cancels it from the link. */
export function createSdkClient(options: SdkClientOptions): OpenAI {
  const key = options.apiKey?.trim();
  return new LinkedCancelClient({
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
