import type { CliIo } from './io';

/** One `backflow <name>` command; one file per command under `commands/`. */
export interface Command {
  name: string;
  /** The full `--help` text. */
  usage: string;
  /**
   * Runs the command and resolves to the exit code. Expected failures are thrown as `CliError`.
   * `signal` aborts when the process receives SIGINT or SIGTERM.
   */
  run(argv: string[], io: CliIo, signal: AbortSignal): Promise<number>;
}

/**
 * A command as the dispatcher lists it: its name and one-line summary, and a loader, so that a
 * process loads only the code of the command it runs (`backflow run` never parses the optimizer,
 * the recipes or the simulator server; see docs/benchmarks.md, cold start).
 */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  /**
   * True when the command stops by itself once its signal aborts (saving what it must). Otherwise
   * the first SIGINT/SIGTERM ends the process at once with 130, so `timeout` and Ctrl+C always
   * work. Known before the command's code loads: the signal handlers are set up first.
   */
  stopsOnSignal?: boolean;
  load(): Promise<Command>;
}
