import type { Problem } from '@backflow/engine';

/** Where a problem is, as precisely as it says: `node "sum" · userTemplate`, or the document path. */
export function problemLocation(problem: Problem): string {
  const parts: string[] = [];
  if (problem.nodeId !== undefined) parts.push(`node "${problem.nodeId}"`);
  if (problem.edgeId !== undefined) parts.push(`edge "${problem.edgeId}"`);
  if (problem.field !== undefined && parts.length > 0) parts.push(problem.field);
  if (parts.length === 0 && problem.path !== undefined) parts.push(problem.path);
  if (parts.length === 0) parts.push('workflow');
  return parts.join(' · ');
}

/** One line per problem: `error  code  location  message`, severity and code aligned. */
export function formatProblems(problems: readonly Problem[]): string {
  const codeWidth = Math.max(0, ...problems.map((p) => p.code.length));
  return (
    problems
      // One problem per line, whatever the message quotes (a JSON parse error quotes the text).
      .map(
        (p) =>
          `${p.severity.padEnd(7)} ${p.code.padEnd(codeWidth)}  ${problemLocation(p)}: ${p.message.replace(/\s*\n\s*/g, ' ')}\n`,
      )
      .join('')
  );
}

/** "2 errors, 1 warning" (or "no problems"). */
export function summarizeProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'no problems';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
