/**
 * Reading how long a server asks us to wait. `retry-after-ms` (sent by OpenAI) wins over
 * `Retry-After`, which is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 */

/** Anything with a case-insensitive `get`, like `Headers`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** Milliseconds to wait, or undefined when the headers carry no usable hint. */
export function parseRetryAfter(headers: HeaderSource | undefined | null, nowMs: number): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headers.get('retry-after');
  return raw === null ? undefined : parseRetryAfterValue(raw, nowMs);
}

/** Parses one `Retry-After` value: `"2"`, `"1.5"` or `"Wed, 21 Oct 2015 07:28:00 GMT"`. */
export function parseRetryAfterValue(value: string, nowMs: number): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
