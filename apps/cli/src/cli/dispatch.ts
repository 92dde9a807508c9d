import type { CommandEntry } from './command';
import { CliError, ExitCode, usageError } from './exit-codes';
import type { CliIo } from './io';
import { markStart } from './start-trace';
import { CLI_VERSION } from './version';

/** The top-level help: every command with its summary, and the exit codes. */
export function topLevelUsage(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: backflow <command> [options]

Commands:
${list}

Run \`backflow <command> --help\` for a command's options, \`backflow --version\` for the version.
Documentation: docs/cli.md.

Exit codes: 0 ok, 1 workflow or data error, 2 usage error, 3 provider failure after retries,
4 budget exhausted.
`;
}

/**
 * Finds the command named by `argv[0]` and runs it. Prints expected failures (`CliError`) as one
 * line on stderr and returns their exit code; unexpected errors are printed with a stack (exit 1).
 */
export async function dispatch(
  commands: readonly CommandEntry[],
  argv: string[],
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const out = name === undefined ? io.stderr : io.stdout;
    out(topLevelUsage(commands));
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`backflow ${CLI_VERSION}\n`);
    return ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === name);
  try {
    if (!entry) {
      throw usageError(`unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}.`);
    }
    await import('./zod-config');
    const command = await entry.load();
    markStart('command loaded');
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage);
      return ExitCode.ok;
    }
    return await command.run(rest, io, signal);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`backflow: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(
      `backflow: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.dataError;
  }
}
