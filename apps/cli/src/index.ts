// Public surface of the command line for other tools in the repository (benchmarks, e2e helpers):
// the commands, the dispatcher, the exit codes, the file-backed cache and the report formats.
// The executable entry point is main.ts.

export type { IterationReport, OptimizeReport, Totals, UpdateReport } from '@backflow/engine';
export type { Command, CommandEntry } from './cli/command';
export { dispatch, topLevelUsage } from './cli/dispatch';
export { CliError, ExitCode, type ExitCodeValue } from './cli/exit-codes';
export { type CliIo, processIo } from './cli/io';
export { experimentCommand } from './commands/experiment';
export { optimizeCommand } from './commands/optimize';
export { recipesCommand } from './commands/recipes';
export { commands } from './commands/registry';
export { runCommand } from './commands/run';
export { serveSimCommand } from './commands/serve-sim';
export { validateCommand } from './commands/validate';
export { type FileCache, openFileCache } from './providers/file-cache';
export type { CliCheckpoint } from './report/checkpoint';
export { renderReportMarkdown } from './report/report-md';
export type { RunResult } from './report/run-result';
