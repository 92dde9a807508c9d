import { helpOption, parseCommandArgs, readChoice, readInt, readNumber, requirePositionals } from './args';
import { CliError, ExitCode } from './exit-codes';

function exitCodeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CliError ? error.exitCode : undefined;
  }
  return undefined;
}

describe('command-line parsing', () => {
  const options = { ...helpOption, limit: { type: 'string' }, 'no-gate': { type: 'boolean' } } as const;

  it('parses flags and positionals', () => {
    const { values, positionals } = parseCommandArgs('run', ['w.json', '--limit', '5', '--no-gate'], options);
    expect(positionals).toEqual(['w.json']);
    expect(values.limit).toBe('5');
    expect(values['no-gate']).toBe(true);
  });

  it('turns unknown flags and missing values into usage errors naming the command', () => {
    expect(exitCodeOf(() => parseCommandArgs('run', ['--nope'], options))).toBe(ExitCode.usage);
    expect(exitCodeOf(() => parseCommandArgs('run', ['--limit'], options))).toBe(ExitCode.usage);
    expect(() => parseCommandArgs('run', ['--nope'], options)).toThrow(/backflow run --help/);
  });

  it('reads numbers strictly', () => {
    expect(readInt('limit', '12', { min: 1 })).toBe(12);
    expect(readInt('limit', undefined)).toBeUndefined();
    expect(readNumber('fault-rate', '0.25', { min: 0, max: 1 })).toBe(0.25);
    for (const bad of ['', 'abc', '1.5', 'NaN', '0']) {
      expect(exitCodeOf(() => readInt('limit', bad, { min: 1 }))).toBe(ExitCode.usage);
    }
    expect(exitCodeOf(() => readNumber('fault-rate', '1.5', { max: 1 }))).toBe(ExitCode.usage);
  });

  it('takes a negative number after a flag as its value, so the range check can name the rule', () => {
    const { values } = parseCommandArgs('run', ['--limit', '-3', 'w.json'], options);
    expect(values.limit).toBe('-3');
    expect(() => readInt('limit', values.limit, { min: 1 })).toThrow(
      '--limit must be positive (at least 1); got -3.',
    );
    expect(() => readNumber('latency-ms', '-0.5', { min: 0 })).toThrow('must be zero or more (not negative)');
    // A boolean flag takes no value: what follows it is still parsed on its own.
    expect(exitCodeOf(() => parseCommandArgs('run', ['--no-gate', '-3'], options))).toBe(ExitCode.usage);
  });

  it('accepts decimal notation only, and whole numbers only within 2^53', () => {
    for (const bad of ['0x10', '0b1', '0o7', '1_000', '1e1', 'Infinity', ' ', '+']) {
      expect(exitCodeOf(() => readInt('iterations', bad, { min: 1 }))).toBe(ExitCode.usage);
    }
    expect(readNumber('budget-usd', '1e-3')).toBe(0.001);
    expect(readNumber('budget-usd', '.5')).toBe(0.5);
    expect(readInt('seed', '-7')).toBe(-7);
    expect(readInt('seed', String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => readInt('seed', '1152921504606846976')).toThrow('--seed must be at most 9007199254740991');
  });

  it('reads choices and positionals', () => {
    expect(readChoice('algorithm', 'gtbp', ['gtbp', 'sembp'] as const)).toBe('gtbp');
    expect(() => readChoice('algorithm', 'sgd', ['gtbp', 'sembp'] as const)).toThrow(/one of gtbp, sembp/);
    expect(requirePositionals('validate', ['a'], ['workflow.json'])).toEqual(['a']);
    expect(exitCodeOf(() => requirePositionals('validate', [], ['workflow.json']))).toBe(ExitCode.usage);
  });
});
