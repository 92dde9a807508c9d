/** Shows text on one table cell: newlines escaped, cut to `width` with an ellipsis. */
export function cell(text: string, width: number): string {
  const flat = text.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
  return flat.length > width ? `${flat.slice(0, Math.max(1, width - 1))}…` : flat;
}

/**
 * A plain-text table with aligned columns. `align` per column: 'l' (default) or 'r' for numbers.
 * The last column is not padded, so lines carry no trailing spaces.
 */
export function renderTable(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        if (i === cells.length - 1 && align[i] !== 'r') return c;
        return align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!);
      })
      .join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
