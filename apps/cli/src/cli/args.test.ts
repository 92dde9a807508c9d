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

  it('reads choices and positionals', () => {
    expect(readChoice('algorithm', 'gtbp', ['gtbp', 'sembp'] as const)).toBe('gtbp');
    expect(() => readChoice('algorithm', 'sgd', ['gtbp', 'sembp'] as const)).toThrow(/one of gtbp, sembp/);
    expect(requirePositionals('validate', ['a'], ['workflow.json'])).toEqual(['a']);
    expect(exitCodeOf(() => requirePositionals('validate', [], ['workflow.json']))).toBe(ExitCode.usage);
  });
});
