/**
 * What went wrong with one attempt at a model call, in terms the retry loop and the diagnosis can
 * act on. The `openai` SDK, `fetch` and our own stream checks all fail differently; everything is
 * funnelled through {@link classifyFailure} so no other file has to know those shapes.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { parseRetryAfter } from './retry-after';

/** The coarse reason an attempt failed. */
export type FailureKind =
  | 'aborted'
  | 'timeout'
  | 'rate-limit'
  | 'server'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'connection'
  | 'truncated'
  | 'malformed'
  | 'unknown';

/** The kind of a final error: a failure kind, refined for connection failures by the diagnosis. */
export type ProviderErrorKind = FailureKind | 'cors' | 'dns' | 'refused';

/** One failed attempt, classified. */
export interface Failure {
  kind: FailureKind;
  /** HTTP status when the server answered at all. */
  status?: number;
  /** Whether another attempt may succeed (rate limits, 5xx, timeouts, dropped connections). */
  retryable: boolean;
  /** Server-requested wait (Retry-After / retry-after-ms), in milliseconds. */
  retryAfterMs?: number;
  /** The server's own error text, shown to people verbatim. */
  serverMessage?: string;
  /** A low-level error code found in the cause chain, e.g. ECONNREFUSED or ENOTFOUND. */
  code?: string;
  /** The innermost human-readable message, for the "unknown" case. */
  detail: string;
}

/** Thrown by our own checks on a response: a stream that ended early or a body that is not a completion. */
export class ResponseShapeError extends Error {
  constructor(
    readonly kind: 'truncated' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'ResponseShapeError';
  }
}

/** The reason an attempt's own timer aborts it with (see retry.ts). */
export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms.`);
    this.name = 'AttemptTimeoutError';
  }
}

/** Final error of a provider call: classified, diagnosed, with the number of attempts made. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly attempts: number;
  readonly serverMessage?: string;

  constructor(init: {
    kind: ProviderErrorKind;
    message: string;
    attempts: number;
    status?: number;
    serverMessage?: string;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.attempts = init.attempts;
    if (init.status !== undefined) this.status = init.status;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
  }
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

/** Classifies any error thrown by a model call (SDK, fetch, our checks, or a ChatModel's own). */
export function classifyFailure(err: unknown, nowMs: number = Date.now()): Failure {
  if (err instanceof ProviderError) {
    // Already final: keep its connection refinements as a plain connection failure.
    const kind: FailureKind =
      err.kind === 'cors' || err.kind === 'dns' || err.kind === 'refused' ? 'connection' : err.kind;
    return withStatus({ kind, retryable: false, detail: err.message }, err.status);
  }
  if (err instanceof AttemptTimeoutError) return { kind: 'timeout', retryable: true, detail: err.message };
  if (err instanceof ResponseShapeError) return { kind: err.kind, retryable: true, detail: err.message };
  if (err instanceof APIUserAbortError || isAbortError(err)) {
    return { kind: 'aborted', retryable: false, detail: 'The call was cancelled.' };
  }
  if (err instanceof APIConnectionTimeoutError)
    return { kind: 'timeout', retryable: true, detail: err.message };
  if (err instanceof APIConnectionError) return connectionFailure(err);
  if (err instanceof APIError) return httpFailure(err, nowMs);
  // The SDK rethrows JSON.parse failures of a body or an SSE line as SyntaxError.
  if (err instanceof SyntaxError) return { kind: 'malformed', retryable: true, detail: err.message };
  // Undici (Node's fetch) reports a body cut off mid-way as `TypeError: terminated`.
  if (err instanceof TypeError && err.message === 'terminated') {
    return {
      kind: 'truncated',
      retryable: true,
      detail: 'The connection closed in the middle of the answer.',
    };
  }
  // A failed connect is `fetch failed` in Node; browsers say `Failed to fetch` or `network error`.
  if (err instanceof TypeError && /fetch failed|failed to fetch|network|socket/i.test(err.message)) {
    return connectionFailure(err);
  }
  return { kind: 'unknown', retryable: false, detail: err instanceof Error ? err.message : String(err) };
}

function connectionFailure(err: Error): Failure {
  const code = findCode(err);
  const failure: Failure = { kind: 'connection', retryable: true, detail: innermostMessage(err) };
  if (code) failure.code = code;
  // Nothing will be listening or resolvable a moment later either: fail fast on these.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') failure.retryable = false;
  return failure;
}

function httpFailure(err: APIError, nowMs: number): Failure {
  const status = err.status;
  const serverMessage = serverText(err);
  const base = { detail: err.message, ...(serverMessage ? { serverMessage } : {}) };
  if (status === undefined) return { ...base, kind: 'server', retryable: true }; // error event mid-stream
  let failure: Failure;
  if (status === 429) failure = { ...base, kind: 'rate-limit', retryable: true };
  else if (status === 401) failure = { ...base, kind: 'auth', retryable: false };
  else if (status === 403) failure = { ...base, kind: 'forbidden', retryable: false };
  else if (status === 404) failure = { ...base, kind: 'not-found', retryable: false };
  else if (status === 408) failure = { ...base, kind: 'timeout', retryable: true };
  else if (status >= 500) failure = { ...base, kind: 'server', retryable: true };
  else failure = { ...base, kind: 'bad-request', retryable: RETRYABLE_STATUS.has(status) };
  failure.status = status;
  const retryAfterMs = parseRetryAfter(err.headers, nowMs);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}

function withStatus(failure: Failure, status: number | undefined): Failure {
  if (status !== undefined) failure.status = status;
  return failure;
}

/** The `message` of the server's OpenAI-style error body, or of a plain-text body. */
function serverText(err: APIError): string | undefined {
  const body: unknown = err.error;
  if (body && typeof body === 'object') {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim()) return message.trim();
  }
  if (typeof body === 'string' && body.trim()) return body.trim();
  return undefined;
}

/** True for DOMException/Error aborts from fetch or an AbortSignal. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

function findCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function innermostMessage(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    if (e instanceof Error && e.message) message = e.message;
    e = (e as { cause?: unknown }).cause;
  }
  return message;
}
