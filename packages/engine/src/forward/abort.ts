/**
 * The error a cancelled run rejects with: the signal's own reason when it already is an
 * `AbortError` (what `controller.abort()` produces), otherwise an `AbortError` that quotes the
 * reason, so callers can always test `err.name === 'AbortError'`.
 */
export function abortErrorOf(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const why = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return new DOMException(why ? `The run was aborted: ${why}` : 'The run was aborted.', 'AbortError');
}
