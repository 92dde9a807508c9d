import { checkWorkflow } from '@backflow/engine';
import { helpOption, parseCommandArgs } from '../cli/args';
import type { Command } from '../cli/command';
import { CliError, ExitCode, usageError } from '../cli/exit-codes';
import { readTextFile, resolvePath } from '../cli/files';
import { formatProblems, summarizeProblems } from '../cli/problems-format';
import { readWorkflowSource } from '../cli/studio-bundle';

const usage = `Usage: backflow validate <workflow.json> [more.json ...] [--json]

Checks workflow documents (or studio export bundles) and prints every problem with its code and location, one per line:
  severity code  location: message
then one summary line per file.

Options:
  --json       print one JSON object per file and line: { file, ok, problems: [...] }
  -h, --help   this text

Exit codes: 0 no errors in any file (warnings are printed), 1 a file has errors or cannot be
read, 2 usage error.
`;

const options = { ...helpOption, json: { type: 'boolean' } } as const;

/** `backflow validate`: every problem of one or more workflow documents, with codes and locations. */
export const validateCommand: Command = {
  name: 'validate',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('validate', argv, options);
    if (positionals.length === 0) {
      throw usageError('validate expects <workflow.json>. Run `backflow validate --help`.');
    }
    let failed = 0;
    for (const file of positionals) {
      let result: ReturnType<typeof checkWorkflow>;
      try {
        const text = await readTextFile(resolvePath(io.cwd, file), 'workflow');
        result = checkWorkflow(readWorkflowSource(text, file).document);
      } catch (error) {
        // With several files, an unreadable one is reported and the others are still checked.
        if (!(error instanceof CliError) || positionals.length === 1) throw error;
        io.stderr(`backflow: ${error.message}\n`);
        failed++;
        continue;
      }
      if (!result.ok) failed++;
      if (values.json) {
        io.stdout(`${JSON.stringify({ file, ok: result.ok, problems: result.problems })}\n`);
      } else {
        io.stdout(formatProblems(result.problems));
        io.stdout(`${file}: ${summarizeProblems(result.problems)}\n`);
      }
    }
    return failed > 0 ? ExitCode.dataError : ExitCode.ok;
  },
};
