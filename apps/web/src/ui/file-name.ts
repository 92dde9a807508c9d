/**
 * Names of downloaded files: the workflow's name, what the file is, and the date, so two exports
 * never share a name in a Downloads folder (the original and the optimized workflow, two
 * workflows, two runs' reports).
 */

/** A name as a file-name part: lower case, words joined by "-", nothing a file system refuses. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'workflow'
  );
}

/** The local date as YYYY-MM-DD. */
export function fileDate(at: number | Date): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/**
 * `<workflow name>-<what>-<date>.<ext>`, e.g. `receipt-total-optimized-run-3f2a-2026-12-07.workflow.json`;
 * `what` may hold several words ("workflow and dataset").
 */
export function exportFileName(workflowName: string, what: string, at: number | Date, ext: string): string {
  return `${fileSlug(workflowName)}-${fileSlug(what)}-${fileDate(at)}.${ext}`;
}
