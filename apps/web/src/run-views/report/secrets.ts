import { stripSecrets } from '../../persistence/bundle';

// Values that look like credentials wherever they hide (a prompt, an error message, a URL):
// OpenAI-style keys, bearer tokens, and `key=` query parameters.
const SECRET_VALUE =
  /\b(sk-[A-Za-z0-9_-]{12,}|Bearer\s+[A-Za-z0-9._~+/-]{12,}=*)|([?&](?:api[-_]?key|key|token)=)[^&\s"']+/gi;

/** Replaces credential-looking substrings of `text` with "[redacted]". */
export function redactText(text: string): string {
  return text.replace(SECRET_VALUE, (_m, secret: string | undefined, param: string | undefined) =>
    secret ? '[redacted]' : `${param ?? ''}[redacted]`,
  );
}

/**
 * A deep copy of `value` that is safe to export: key-like properties removed (the studio's bundle
 * rule) and credential-looking substrings redacted in every string. Defensive: reports are built
 * from events and call records, which should never hold a key in the first place.
 */
export function scrubSecrets<T>(value: T): T {
  const stripped = stripSecrets(value);
  return JSON.parse(JSON.stringify(stripped, (_key, v) => (typeof v === 'string' ? redactText(v) : v))) as T;
}
