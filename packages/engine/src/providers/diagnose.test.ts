import { APIConnectionError, APIError } from 'openai';
import { diagnoseError, toProviderError } from './diagnose';
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
    expect(err.message).toContain('Nothing is listening at http://127.0.0.1:9/v1');
    expect(err.cause).toBeInstanceOf(APIConnectionError);
  });
});
