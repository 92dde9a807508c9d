import { APIConnectionError, APIError } from 'openai';
import { diagnoseError, probeReachable, toProviderError } from './diagnose';
import { AttemptTimeoutError } from './errors';

const refused = () =>
  new APIConnectionError({
    message: 'Connection error.',
    cause: Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    }),
  });

describe('diagnosis', () => {
  it('explains a browser "Connection error." as CORS, with the preset-specific fix', () => {
    const err = new APIConnectionError({ message: 'Connection error.' });
    const ollama = diagnoseError(err, { baseURL: 'http://127.0.0.1:11434/v1', inBrowser: true });
    expect(ollama.kind).toBe('cors');
    expect(ollama.message).toContain('CORS');
    expect(ollama.message).toContain('OLLAMA_ORIGINS');
    expect(ollama.message).toContain('http://127.0.0.1:11434/v1/models');
    expect(diagnoseError(err, { preset: 'lmstudio', inBrowser: true }).message).toContain('Enable CORS');
    expect(diagnoseError(err, { preset: 'vllm', inBrowser: true }).message).toContain('--allowed-origins');
    // The same failure in Node is no CORS problem.
    expect(diagnoseError(err, { inBrowser: false }).kind).toBe('connection');
  });

  it('in a browser, tells a closed port from a response blocked by CORS by what the probe found', () => {
    const err = new APIConnectionError({ message: 'Connection error.' });
    const at = { baseURL: 'http://127.0.0.1:8123/v1', inBrowser: true };
    const closed = diagnoseError(err, { ...at, reachable: 'unreachable' });
    expect(closed.kind).toBe('refused');
    expect(closed.message).toMatch(/^Nothing is listening at 127\.0\.0\.1:8123 /);
    expect(closed.message).not.toContain('CORS');
    const blocked = diagnoseError(err, { ...at, reachable: 'answered' });
    expect(blocked.kind).toBe('cors');
    expect(blocked.message).toMatch(
      /^The server at http:\/\/127\.0\.0\.1:8123\/v1 answered, but the browser blocked the response/,
    );
    // The provider layer's final error (already diagnosed as CORS) is re-read the same way.
    const final = toProviderError(err, { ...at, attempts: 1 });
    expect(final.kind).toBe('cors');
    expect(diagnoseError(final, { ...at, reachable: 'unreachable' }).kind).toBe('refused');
    expect(diagnoseError(final, { ...at, reachable: 'answered' }).message).toContain(
      'answered, but the browser blocked',
    );
    // A probe that timed out proves nothing: the cautious CORS sentence stays.
    expect(diagnoseError(err, { ...at, reachable: 'unknown' }).message).toContain('If the server is running');
  });

  it('probes with a no-cors GET of /models: resolved is answered, rejected is unreachable, slow is unknown', async () => {
    const seen: [string, RequestInit | undefined][] = [];
    const answers = (async (url: string, init?: RequestInit) => {
      seen.push([url, init]);
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch;
    expect(await probeReachable('http://127.0.0.1:1/v1/', answers)).toBe('answered');
    expect(seen[0]?.[0]).toBe('http://127.0.0.1:1/v1/models');
    expect(seen[0]?.[1]).toMatchObject({ mode: 'no-cors', credentials: 'omit' });
    const fails = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await probeReachable('http://127.0.0.1:1/v1', fails)).toBe('unreachable');
    const hangs = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as unknown as typeof fetch;
    expect(await probeReachable('http://127.0.0.1:1/v1', hangs, 10)).toBe('unknown');
  });

  it('tells refused connections and DNS failures apart in Node', () => {
    const d = diagnoseError(refused(), { baseURL: 'http://127.0.0.1:11434/v1' });
    expect(d.kind).toBe('refused');
    expect(d.message).toContain('ollama serve');
    const dns = new APIConnectionError({
      message: 'Connection error.',
      cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
    });
    expect(diagnoseError(dns, { baseURL: 'https://api.opnai.com/v1' }).kind).toBe('dns');
  });

  it('points a 401 at the key and a 404 at the model name or the /v1 path, quoting the server', () => {
    const e401 = APIError.generate(
      401,
      { error: { message: 'Incorrect API key provided.' } },
      undefined,
      new Headers(),
    );
    const auth = diagnoseError(e401, { preset: 'openai' });
    expect(auth).toMatchObject({ kind: 'auth', status: 401, serverMessage: 'Incorrect API key provided.' });
    expect(auth.message).toContain('OpenAI API key');
    const e404 = APIError.generate(404, { error: { message: 'no such model' } }, undefined, new Headers());
    const nf = diagnoseError(e404, { baseURL: 'http://127.0.0.1:8000', model: 'llama' });
    expect(nf.message).toContain('"llama"');
    expect(nf.message).toContain('does not end in /v1');
    expect(nf.message).toContain('no such model');
  });

  it('mentions attempts and the time limit for rate limits and timeouts', () => {
    const e429 = APIError.generate(429, { error: { message: 'slow down' } }, undefined, new Headers());
    expect(diagnoseError(e429, { attempts: 5 }).message).toContain('after 5 attempts');
    const timeout = diagnoseError(new AttemptTimeoutError(3000), { timeoutMs: 3000, attempts: 2 });
    expect(timeout.kind).toBe('timeout');
    expect(timeout.message).toContain('3000 ms');
  });

  it('wraps any failure as a ProviderError carrying the diagnosis', () => {
    const err = toProviderError(refused(), { attempts: 1, baseURL: 'http://127.0.0.1:9/v1' });
    expect(err).toMatchObject({ name: 'ProviderError', kind: 'refused', attempts: 1 });
    expect(err.message).toContain(
      'Nothing is listening at 127.0.0.1:9 (http://127.0.0.1:9/v1: connection refused',
    );
    expect(err.cause).toBeInstanceOf(APIConnectionError);
  });
});
