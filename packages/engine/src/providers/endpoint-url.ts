/**
 * Checks a model endpoint's base URL before anything is called, so a bad one is one plain sentence
 * instead of a misleading diagnosis later (a `file:` URL is not a CORS problem, a broken IPv6
 * literal is not "connection refused"). Credentials in the URL are refused, and no message ever
 * repeats them: the URL is echoed with its user-info replaced by `***`.
 */

/** A base URL a person can copy, used in every message about a wrong one. */
const EXAMPLE_URL = 'http://127.0.0.1:8787/v1';

/** `raw` with any `user:password@` part replaced by `***@`, safe to show or store. */
export function redactUrl(raw: string): string {
  // Works on text that is not a valid URL too (the messages below echo malformed input).
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}

/**
 * What is wrong with `raw` as a base URL, as the end of a sentence whose subject the caller names
 * ("--base-url", "Base URL"), or `null` when it is a usable http(s) URL.
 */
export function baseUrlProblem(raw: string): string | null {
  const shown = JSON.stringify(redactUrl(raw));
  if (raw.trim() === '') return `is empty; give the server's address, e.g. ${EXAMPLE_URL}.`;
  if (/\s/.test(raw)) return `must not contain spaces; got ${shown}.`;
  if (!/^https?:\/\/[^/]/i.test(raw)) return `must be an http(s) URL, e.g. ${EXAMPLE_URL}; got ${shown}.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `is not a valid URL (check the host name, an IPv6 address in [brackets], and a port from 1 to 65535); got ${shown}.`;
  }
  if (url.username !== '' || url.password !== '') {
    return `must not carry a user name or password (give the key as the API key instead); got ${shown}.`;
  }
  if (url.port === '0') return `has port 0; use a port from 1 to 65535; got ${shown}.`;
  return null;
}
