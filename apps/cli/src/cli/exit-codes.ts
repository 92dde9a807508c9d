/**
 * The exit codes of `backflow`, documented in docs/cli.md. Scripts and CI branch on them, so a
 * code's meaning never changes.
 */
export const ExitCode = {
  /** Success (warnings may have been printed). */
  ok: 0,
  /** The workflow or the data is wrong: validation errors, a malformed dataset, an unreadable file. */
  dataError: 1,
  /** The command line is wrong: unknown command or flag, bad flag value, missing API-key variable. */
  usage: 2,
  /** A model call still failed after the provider's retries (unreachable server, 401, 404...). */
  provider: 3,
  /** A budget (`--budget-calls`, `--budget-usd`) ran out before the optimization finished. */
  budget: 4,
  /** Stopped by SIGINT or SIGTERM (128 + 2, the shell's convention); `optimize` saved a checkpoint. */
  interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected failure: `main` prints `message` as one line on stderr and exits with `exitCode`.
 * Anything else thrown is a bug and is printed with its stack.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Shorthand for a usage error (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

/** Shorthand for a workflow or data error (exit 1). */
export function dataError(message: string): CliError {
  return new CliError(message, ExitCode.dataError);
}
