/**
 * Turns a failed call into one paragraph a person can act on. The SDK's own messages are often
 * opaque: a browser blocked by CORS only says "Connection error.", and a wrong `/v1` path is a bare
 * 404. The server's own error text is always quoted when there is one.
 */
import { classifyFailure, type Failure, ProviderError, type ProviderErrorKind } from './errors';
import { getPreset, guessPreset, type ProviderPresetId } from './presets';

/** What the diagnosis may know about where the call went. */
export interface DiagnoseContext {
  baseURL?: string;
  preset?: ProviderPresetId;
  /** True when running in a browser page or Worker, where CORS applies and error details are hidden. */
  inBrowser?: boolean;
  /** The model name that was asked for. */
  model?: string;
  /** How many attempts were made (for "kept failing after N attempts"). */
  attempts?: number;
  /** The per-attempt timeout in force, if any. */
  timeoutMs?: number;
  /**
   * Browser only: what a `no-cors` probe of the base URL found ({@link probeReachable}). A page
   * sees a closed port and a response blocked by CORS as the same "Failed to fetch"; the probe
   * tells them apart (an opaque answer means a server is there).
   */
  reachable?: Reachability;
}

/** `answered`: something answered the probe; `unreachable`: nothing did; `unknown`: it timed out. */
export type Reachability = 'answered' | 'unreachable' | 'unknown';

/** A diagnosis kind: a failure kind, refined for connection failures. */
export type DiagnosisKind = ProviderErrorKind;

export interface Diagnosis {
  kind: DiagnosisKind;
  message: string;
  status?: number;
  serverMessage?: string;
}

/** Explains `err` (any error thrown by a model call) for a person. */
export function diagnoseError(err: unknown, context: DiagnoseContext = {}): Diagnosis {
  const failure = err instanceof ProviderError ? providerFailure(err) : classifyFailure(err);
  const kind = refineKind(failure, context);
  const diagnosis: Diagnosis = { kind, message: explain(kind, failure, context) };
  if (failure.status !== undefined) diagnosis.status = failure.status;
  if (failure.serverMessage !== undefined) diagnosis.serverMessage = failure.serverMessage;
  return diagnosis;
}

/** Whether this code runs where CORS applies (a page or a Worker), detected without DOM globals. */
export function detectBrowser(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; navigator?: unknown };
  return !g.process?.versions?.node && g.navigator !== undefined;
}

/** A final error keeps its kind (a refined one included) when diagnosed again with more context. */
function providerFailure(err: ProviderError): Failure & { refined?: DiagnosisKind } {
  const failure: Failure & { refined?: DiagnosisKind } = classifyFailure(err);
  if (err.kind === 'cors' || err.kind === 'dns' || err.kind === 'refused') failure.refined = err.kind;
  if (err.serverMessage !== undefined) failure.serverMessage = err.serverMessage;
  return failure;
}

function refineKind(failure: Failure & { refined?: DiagnosisKind }, context: DiagnoseContext): DiagnosisKind {
  // A blocked call diagnosed earlier is re-read once the probe has said nothing answered.
  if (failure.refined === 'cors' && context.reachable === 'unreachable') return 'refused';
  if (failure.refined) return failure.refined;
  if (failure.kind !== 'connection') return failure.kind;
  if (failure.code === 'ECONNREFUSED') return 'refused';
  if (failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN') return 'dns';
  // A browser hides the reason of a failed fetch; the probe says whether anything answered.
  if (context.inBrowser) return context.reachable === 'unreachable' ? 'refused' : 'cors';
  return 'connection';
}

function explain(kind: DiagnosisKind, failure: Failure, context: DiagnoseContext): string {
  const where = describeEndpoint(context.baseURL);
  const presetId = context.preset ?? (context.baseURL ? guessPreset(context.baseURL) : 'custom');
  const preset = getPreset(presetId);
  const said = failure.serverMessage ? ` The server said: "${failure.serverMessage}"` : '';
  const attempts = context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  switch (kind) {
    case 'cors':
      if (context.reachable === 'answered')
        return (
          `The server at ${where} answered, but the browser blocked the response: the server does not ` +
          `allow this page to read it (CORS: no Access-Control-Allow-Origin for this origin). ${preset.corsHint}`
        );
      return (
        `The browser could not reach ${where} ("Connection error."). If the server is running (open ` +
        `${modelsURL(context.baseURL)} in a tab to check), the usual cause is CORS: the server does not ` +
        `allow this page to call it. ${preset.corsHint}`
      );
    case 'refused':
      return `Nothing is listening at ${hostAndPort(context.baseURL) ?? where} (${where}: connection refused, no server answered). ${preset.startHint ?? 'Start the server'} or correct the port in the base URL.`;
    case 'dns':
      return `The host in ${where} could not be found (DNS). Check the spelling of the base URL and the network.`;
    case 'connection':
      return `The connection to ${where} failed${attempts} (${failure.detail}). Check that the server is running and reachable.`;
    case 'auth':
      return (
        `The server at ${where} rejected the API key (401).${said} ` +
        (preset.needsKey
          ? `Enter a valid ${preset.label} API key in the provider settings.`
          : 'This server expects a key: enter the one it was started with, or start it without authentication.')
      );
    case 'forbidden':
      return `The API key is not allowed to use this model or endpoint (403).${said} Check the key's permissions or pick another model.`;
    case 'not-found':
      return notFound(context, where, said);
    case 'rate-limit':
      return `The server kept rate-limiting the calls (429)${attempts}.${said} Lower the concurrency, wait a moment, or raise the account's rate limit.`;
    case 'timeout':
      return (
        `No answer from ${where} within ${context.timeoutMs ? `${context.timeoutMs} ms` : 'the time limit'}${attempts}. ` +
        'Raise the timeout or lower the concurrency; a local model may be slow while it loads.'
      );
    case 'server':
      return `The server failed${failure.status ? ` with status ${failure.status}` : ''}${attempts}.${said} It may be overloaded or the model may have crashed; try again later.`;
    case 'truncated':
      return `The connection to ${where} closed before the answer was complete${attempts}. The server or a proxy may be cutting long responses.`;
    case 'malformed':
      return `The answer from ${where} is not a valid OpenAI-compatible response${attempts}. Check that the base URL points at an OpenAI-compatible API (usually ending in /v1).`;
    case 'bad-request':
      return `The server rejected the request (${failure.status ?? 400}).${said} Check the model name and parameters (temperature, max tokens) this model supports.`;
    case 'aborted':
      return 'The call was cancelled.';
    default:
      return `The call failed: ${failure.detail}`;
  }
}

function notFound(context: DiagnoseContext, where: string, said: string): string {
  const model = context.model ? `"${context.model}"` : 'asked for';
  const pathHint = context.baseURL && !/\/v\d+\/?$/.test(context.baseURL) ? ' (it does not end in /v1)' : '';
  return (
    `The server answered 404 (not found).${said} Either the model ${model} does not exist there ` +
    `(see ${modelsURL(context.baseURL)} for the names it serves), or the base URL path ${where} is wrong${pathHint}: ` +
    'OpenAI-compatible servers usually expect it to end in /v1.'
  );
}

/** "127.0.0.1:9" of a base URL (the default port spelled out), or undefined when it does not parse. */
function hostAndPort(baseURL: string | undefined): string | undefined {
  if (!baseURL) return undefined;
  try {
    const url = new URL(baseURL);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return undefined;
  }
}

/**
 * Browser only: whether anything answers at `baseURL`, by a `no-cors` GET of its /models address.
 * A server that answers without CORS headers still gives an opaque response (it resolves); a
 * closed port or an unknown host rejects. A probe that takes longer than `timeoutMs` is `unknown`.
 */
export async function probeReachable(
  baseURL: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 5000,
): Promise<Reachability> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await fetchImpl(modelsURL(baseURL), { mode: 'no-cors', signal: controller.signal, credentials: 'omit' });
    return 'answered';
  } catch {
    return controller.signal.aborted ? 'unknown' : 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

function describeEndpoint(baseURL: string | undefined): string {
  return baseURL ? baseURL : 'the server';
}

function modelsURL(baseURL: string | undefined): string {
  return baseURL ? `${baseURL.replace(/\/+$/, '')}/models` : 'the /v1/models address';
}

/** Wraps any failure of a call as a {@link ProviderError} whose message is the diagnosis. */
export function toProviderError(
  err: unknown,
  context: DiagnoseContext & { attempts: number },
): ProviderError {
  const diagnosis = diagnoseError(err, context);
  return new ProviderError({
    kind: diagnosis.kind,
    message: diagnosis.message,
    attempts: context.attempts,
    ...(diagnosis.status !== undefined ? { status: diagnosis.status } : {}),
    ...(diagnosis.serverMessage !== undefined ? { serverMessage: diagnosis.serverMessage } : {}),
    cause: err,
  });
}
