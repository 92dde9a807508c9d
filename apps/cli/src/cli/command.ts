import type { CliIo } from './io';

/** One `backflow <name>` command; one file per command under `commands/`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  usage: string;
  /**
   * Runs the command and resolves to the exit code. Expected failures are thrown as `CliError`.
   * `signal` aborts when the process receives SIGINT or SIGTERM.
   */
  run(argv: string[], io: CliIo, signal: AbortSignal): Promise<number>;
  /**
   * True when `run` stops by itself once `signal` aborts (saving what it must). Otherwise the first
   * SIGINT/SIGTERM ends the process at once with 130, so `timeout` and Ctrl+C always work.
   */
  stopsOnSignal?: boolean;
}
