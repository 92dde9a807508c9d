import { createFunctionCodeRunner } from '../code/function-runner';
import type { Example } from '../datasets/types';
import { createFunctionJsLossRunner, jsLoss, jsLossRunnerFromCodeRunner, readJsLossValue } from './js';

const example: Example = { id: 'e1', inputs: { question: 'q' }, target: 'Paris', targets: { city: 'Paris' } };
const args = { output: 'paris', target: 'Paris', example };
const opts = { timeoutMs: 1_000 };

describe('readJsLossValue', () => {
  it('accepts numbers in [0,1], booleans and { score, feedback }', () => {
    expect(readJsLossValue(0.5)).toEqual({ score: 0.5, passed: false });
    expect(readJsLossValue(1)).toEqual({ score: 1, passed: true });
    expect(readJsLossValue(true)).toEqual({ score: 1, passed: true });
    expect(readJsLossValue({ score: 0, feedback: 'too long' })).toEqual({
      score: 0,
      passed: false,
      feedback: 'too long',
    });
  });

  it('records anything else as an error with a hint', () => {
    expect(readJsLossValue(1.5).error).toBe(
      'the js loss returned the score 1.5; scores must be numbers from 0 to 1',
    );
    expect(readJsLossValue(Number.NaN).error).toContain('NaN');
    expect(readJsLossValue('1').error).toBe(
      'the js loss returned "1"; return a number from 0 to 1 or { score, feedback }',
    );
    expect(readJsLossValue(undefined).error).toBe(
      'the js loss returned undefined; return a number from 0 to 1 or { score, feedback }',
    );
    expect(readJsLossValue({ score: 1, feedback: 3 }).error).toContain('non-string feedback');
  });
});

describe.each([
  ['in-realm runner', () => createFunctionJsLossRunner()],
  ['through a CodeRunner', () => jsLossRunnerFromCodeRunner(createFunctionCodeRunner())],
])('jsLoss (%s)', (_name, makeRunner) => {
  it('passes output, target and the example to the user function', async () => {
    const code = `
      const same = output.toLowerCase() === target.toLowerCase() && example.targets.city === target;
      return same ? 1 : { score: 0, feedback: 'expected ' + target + ', got ' + output };`;
    expect(await jsLoss(makeRunner(), code, args, opts)).toEqual({ score: 1, passed: true });
    expect(await jsLoss(makeRunner(), code, { ...args, output: 'Lyon' }, opts)).toEqual({
      score: 0,
      passed: false,
      feedback: 'expected Paris, got Lyon',
    });
  });

  it('turns a throwing loss into a recorded failure', async () => {
    const result = await jsLoss(makeRunner(), 'return output.nope.length;', args, opts);
    expect(result.score).toBe(0);
    expect(result.error).toMatch(/^the js loss failed: The code threw TypeError/);
  });

  it('cannot change the caller’s example', async () => {
    await jsLoss(makeRunner(), 'example.target = "hacked"; return 1;', args, opts);
    expect(example.target).toBe('Paris');
  });
});
