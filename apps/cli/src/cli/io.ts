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

/**
 * `process.stdout`, with the handler that makes a closed pipe (`backflow ... | head`) the reader's
 * choice, not a crash: the process ends with 0 on EPIPE.
 */
export function processStdout(): NodeJS.WriteStream {
  const stdout = process.stdout;
  if (!epipeHandled) {
    epipeHandled = true;
    stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return stdout;
}
let epipeHandled = false;

/**
 * The real terminal and environment of this process. Node creates `process.stdout` and
 * `process.stderr` when they are first read, so they are read when first written to: `backflow
 * run` sends its first requests before it writes anything (the cold start).
 */
export function processIo(): CliIo {
  return {
    stdout: (text) => processStdout().write(text),
    stderr: (text) => process.stderr.write(text),
    get stderrIsTty() {
      return process.stderr.isTTY === true;
    },
    // A pseudo-terminal may report 0 columns: fall back to the classic 80.
    get columns() {
      return process.stderr.columns || 80;
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}
