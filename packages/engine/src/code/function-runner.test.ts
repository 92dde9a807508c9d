import { createFunctionCodeRunner } from './function-runner';
import { CodeRunError } from './types';

const opts = { timeoutMs: 1_000 };

describe('createFunctionCodeRunner', () => {
  it('passes strings through and JSON-stringifies other results', async () => {
    const runner = createFunctionCodeRunner();
    expect(await runner.run('return inputs.a + inputs.b;', { a: 'x', b: 'y' }, opts)).toBe('xy');
    expect(await runner.run('return Number(inputs.a) * 2;', { a: '21' }, opts)).toBe('42');
    expect(await runner.run('return [inputs.a, { n: 1 }];', { a: 'x' }, opts)).toBe('["x",{"n":1}]');
    expect(await runner.run('return null;', {}, opts)).toBe('');
    expect(await runner.run('inputs.a;', { a: 'x' }, opts)).toBe('');
  });

  it('awaits a promise result', async () => {
    const runner = createFunctionCodeRunner();
    const code = 'return new Promise((resolve) => setTimeout(() => resolve(inputs.a.toUpperCase()), 1));';
    expect(await runner.run(code, { a: 'late' }, opts)).toBe('LATE');
  });

  it('turns syntax errors, throws and rejections into clear CodeRunErrors', async () => {
    const runner = createFunctionCodeRunner();
    await expect(runner.run('return (;', {}, opts)).rejects.toMatchObject({
      name: 'CodeRunError',
      reason: 'compile',
      message: expect.stringMatching(/^The code does not compile: SyntaxError/),
    });
    await expect(runner.run('throw new RangeError("too big")', {}, opts)).rejects.toThrow(
      'The code threw RangeError: too big',
    );
    await expect(runner.run('throw "plain string"', {}, opts)).rejects.toThrow('The code threw plain string');
    await expect(runner.run('return Promise.reject(new Error("async boom"))', {}, opts)).rejects.toThrow(
      'The code threw Error: async boom',
    );
  });

  it('gives up on a promise that outlives the timeout', async () => {
    const runner = createFunctionCodeRunner();
    const error = await runner.run('return new Promise(() => {});', {}, { timeoutMs: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(CodeRunError);
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('The code did not finish within 5 ms');
  });

  it('rejects with the abort reason when the signal fires', async () => {
    const runner = createFunctionCodeRunner();
    const controller = new AbortController();
    const run = runner.run(
      'return new Promise(() => {});',
      {},
      { timeoutMs: 60_000, signal: controller.signal },
    );
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hands the code a frozen copy of its inputs', async () => {
    const runner = createFunctionCodeRunner();
    const inputs = { a: 'x' };
    await expect(
      runner.run('"use strict"; inputs.a = "changed"; return inputs.a;', inputs, opts),
    ).rejects.toThrow(/read only|read-only/);
    expect(inputs.a).toBe('x');
  });
});
