/**
 * Where a command reads its environment and writes its output. Passed explicitly so that tests and
 * embedders can capture output; `main` builds the real one from `process`.
 */
export interface CliIo {
  /** Results: tables, JSON (`--json`), the server URL. */
  stdout(text: string): void;
  /** Progress, warnings and errors: never parsed by scripts. */
  stderr(text: string): void;
  /** True when stderr is a terminal: progress is drawn as a bar with an ETA instead of lines. */
  stderrIsTty: boolean;
  /** Terminal width for the progress bar. */
  columns: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Base for relative paths. */
  cwd: string;
  /** Milliseconds since the epoch (injected so progress and reports can be tested). */
  now(): number;
}

/** The real terminal and environment of this process. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    // A pseudo-terminal may report 0 columns: fall back to the classic 80.
    columns: process.stderr.columns || 80,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}
