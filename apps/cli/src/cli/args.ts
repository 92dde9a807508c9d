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
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own sentences are precise ("Unknown option '--x'"); add how to get help.
    const why = error instanceof Error ? error.message : String(error);
    throw usageError(`${command}: ${why.replace(/\.$/, '')}. Run \`backflow ${command} --help\`.`);
  }
}

interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * Reads a numeric flag value; absent stays undefined. Rejects text, NaN, fractions where an
 * integer is required, and values out of range, naming the flag.
 */
export function readNumber(flag: string, raw: string | undefined, rule: NumberRule = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    throw usageError(`--${flag} must be ${kind}; got "${raw}".`);
  }
  if (rule.min !== undefined && value < rule.min)
    throw usageError(`--${flag} must be at least ${rule.min}; got ${raw}.`);
  if (rule.max !== undefined && value > rule.max)
    throw usageError(`--${flag} must be at most ${rule.max}; got ${raw}.`);
  return value;
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
