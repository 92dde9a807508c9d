import { endpointsOf } from './build-models';
import { readProviderOptions } from './provider-options';

const env = { FWD_KEY: 'fwd-secret', OPT_KEY: 'opt-secret', OPENAI_API_KEY: undefined };

describe('endpointsOf (the CLI flags -> the engine provider settings)', () => {
  it('gives the optimizer its own endpoint, key variable, concurrency and timeout', () => {
    const options = readProviderOptions({
      'base-url': 'http://127.0.0.1:1/v1',
      model: 'fwd',
      'api-key-env': 'FWD_KEY',
      'optimizer-base-url': 'http://127.0.0.1:2/v1',
      'optimizer-model': 'opt',
      'optimizer-api-key-env': 'OPT_KEY',
      'optimizer-concurrency': '2',
      'optimizer-timeout-ms': '1500',
    });
    const { forward, optimizer } = endpointsOf(options, env);
    expect(forward).toMatchObject({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'fwd',
      apiKey: 'fwd-secret',
      concurrency: 4,
    });
    expect(optimizer).toMatchObject({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:2/v1',
      model: 'opt',
      apiKey: 'opt-secret',
      concurrency: 2,
      timeoutSeconds: 1.5,
    });
  });

  it('never sends the forward key to another server unless asked', () => {
    const options = readProviderOptions({
      'base-url': 'http://127.0.0.1:1/v1',
      'api-key-env': 'FWD_KEY',
      'optimizer-base-url': 'http://127.0.0.1:2/v1',
    });
    expect(endpointsOf(options, env).optimizer.apiKey).toBeUndefined();
    // The same server shares the key.
    const same = readProviderOptions({ 'base-url': 'http://127.0.0.1:1/v1', 'api-key-env': 'FWD_KEY' });
    expect(endpointsOf(same, env).optimizer.apiKey).toBe('fwd-secret');
  });

  it('mixes the simulator and a server either way', () => {
    const simForward = readProviderOptions({
      'optimizer-base-url': 'http://127.0.0.1:2/v1',
      'optimizer-model': 'opt',
    });
    expect(endpointsOf(simForward, env)).toMatchObject({
      forward: { kind: 'simulated', model: 'simulated' },
      optimizer: { kind: 'openai-compatible', model: 'opt' },
    });
    const simOptimizer = readProviderOptions({
      'base-url': 'http://127.0.0.1:1/v1',
      'optimizer-provider': 'sim',
    });
    expect(endpointsOf(simOptimizer, env, 'wf-model')).toMatchObject({
      forward: { kind: 'openai-compatible', model: 'wf-model' },
      optimizer: { kind: 'simulated', model: 'simulated' },
    });
  });

  it('refuses bad endpoint flags with one sentence, never echoing a password', () => {
    expect(() => readProviderOptions({ 'optimizer-base-url': 'file:///etc/passwd' })).toThrow(
      '--optimizer-base-url must be an http(s) URL',
    );
    expect(() => readProviderOptions({ 'base-url': 'http://[::1/v1' })).toThrow(
      '--base-url is not a valid URL',
    );
    expect(() => readProviderOptions({ 'base-url': 'http://127.0.0.1:70000/v1' })).toThrow(
      'is not a valid URL',
    );
    let message = '';
    try {
      readProviderOptions({ 'base-url': 'http://me:pa55word@127.0.0.1:1/v1' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('must not carry a user name or password');
    expect(message).not.toContain('pa55word');
    expect(() => readProviderOptions({ 'timeout-ms': '99999999999' })).toThrow('--timeout-ms');
    expect(() =>
      readProviderOptions({ 'optimizer-provider': 'sim', 'optimizer-base-url': 'http://h/v1' }),
    ).toThrow('--optimizer-base-url needs --optimizer-provider openai');
    expect(() =>
      endpointsOf(
        readProviderOptions({ 'optimizer-api-key-env': 'NOPE', 'optimizer-base-url': 'http://h/v1' }),
        env,
      ),
    ).toThrow('--optimizer-api-key-env NOPE: the environment variable NOPE is not set or empty.');
  });
});
