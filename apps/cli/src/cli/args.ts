import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from './exit-codes';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The `--help` flag every command accepts. */
export const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses one command's arguments strictly (unknown flags and missing values are usage errors,
 * exit 2) with `node:util` parseArgs. Positionals are allowed; each command checks their count.
 */
export function parseCommandArgs<const T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({
      args: joinNegativeValues(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs' own sentences are precise ("Unknown option '--x'"); add how to get help.
    const why = error instanceof Error ? error.message : String(error);
    throw usageError(`${command}: ${why.replace(/\.$/, '')}. Run \`backflow ${command} --help\`.`);
  }
}

/**
 * `--iterations -3` makes parseArgs answer "argument is ambiguous" on three lines, because `-3`
 * could be a flag. No flag of ours starts with a digit, so a negative number after a flag that
 * takes a value is that flag's value: joined as `--iterations=-3`, it reaches the range check,
 * which names the flag and the rule.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const takesValue = arg.startsWith('--') && options[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** Plain decimal notation only: `0x10`, `0b1`, `1_000` or `Infinity` are not what a person means. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const WHOLE = /^[+-]?\d+$/;

interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * Reads a numeric flag value in plain decimal notation; absent stays undefined. Rejects text,
 * hexadecimal and other notations, NaN, fractions where an integer is required, whole numbers
 * beyond 2^53 (they would silently round), and values out of range, naming the flag.
 */
export function readNumber(flag: string, raw: string | undefined, rule: NumberRule = {}): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (rule.integer && !(WHOLE.test(text) && Number.isInteger(value)))) {
    throw usageError(`--${flag} must be ${kind} in decimal notation; got "${raw}".`);
  }
  const max = rule.integer
    ? Math.min(rule.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    : rule.max;
  const min = rule.integer
    ? Math.max(rule.min ?? -Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER)
    : rule.min;
  if (min !== undefined && value < min) throw usageError(`--${flag} must be ${lowerBound(min)}; got ${raw}.`);
  if (max !== undefined && value > max) throw usageError(`--${flag} must be at most ${max}; got ${raw}.`);
  return value;
}

/** "positive", "zero or more" or "at least N": the words a person expects for the usual bounds. */
function lowerBound(min: number): string {
  if (min === 0) return 'zero or more (not negative)';
  if (min === 1) return 'positive (at least 1)';
  if (min > 0 && min < 1) return `positive (at least ${min})`;
  return `at least ${min}`;
}

/** Reads a whole-number flag value (see {@link readNumber}). */
export function readInt(flag: string, raw: string | undefined, rule: Omit<NumberRule, 'integer'> = {}) {
  return readNumber(flag, raw, { ...rule, integer: true });
}

/** Reads a flag whose value must be one of `choices`. */
export function readChoice<C extends string>(
  flag: string,
  raw: string | undefined,
  choices: readonly C[],
): C | undefined {
  if (raw === undefined) return undefined;
  if ((choices as readonly string[]).includes(raw)) return raw as C;
  throw usageError(`--${flag} must be one of ${choices.join(', ')}; got "${raw}".`);
}

/** Requires exactly `count` positional arguments, naming them in the error. */
export function requirePositionals(command: string, positionals: string[], names: string[]): string[] {
  if (positionals.length === names.length) return positionals;
  const expected = names.map((n) => `<${n}>`).join(' ');
  const got = positionals.length === 0 ? 'none' : positionals.map((p) => `"${p}"`).join(' ');
  throw usageError(`${command} expects ${expected}; got ${got}. Run \`backflow ${command} --help\`.`);
}

/** Requires a flag to be present. */
export function requireFlag<V>(command: string, flag: string, value: V | undefined): V {
  if (value === undefined)
    throw usageError(`${command} needs --${flag}. Run \`backflow ${command} --help\`.`);
  return value;
}
