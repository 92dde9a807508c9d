import { createTwoFilesPatch } from 'diff';

/**
 * A unified diff of one prompt, without the `Index:`/`===` header lines, as both the CLI's
 * report.md and the studio's run report show it. "" when the prompts are equal.
 */
export function promptDiff(nodeId: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    `${nodeId} (before)`,
    `${nodeId} (after)`,
    `${before}\n`,
    `${after}\n`,
    '',
    '',
    {
      context: 3,
    },
  );
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('Index:') && !line.startsWith('====='))
    .join('\n')
    .trimEnd();
}
