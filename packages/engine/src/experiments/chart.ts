/**
 * The experiment's learning-curve chart as a standalone SVG: per arm, every seed's validation
 * curve as a thin line, the band between the seeds' lowest and highest score at each iteration,
 * and the seeds' mean as a thick line. Plain SVG text, so the CLI writes it next to the Markdown
 * report and the studio shows the same picture.
 */
import type { ArmSummary } from './summary';

const WIDTH = 640;
const HEIGHT = 320;
const PAD = { left: 48, right: 150, top: 16, bottom: 36 };
/** Colour-blind-safe palette (Okabe–Ito), one colour per arm, repeating past eight arms. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/** Renders the arms' validation curves (score 0..1 against iteration) as an SVG document. */
export function experimentChartSvg(arms: readonly ArmSummary[]): string {
  const title = 'Validation score by iteration';
  const length = Math.max(1, ...arms.flatMap((a) => a.curves.map((c) => c.values.length)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (length === 1 ? plotW / 2 : (i / (length - 1)) * plotW);
  const y = (v: number) => PAD.top + (1 - Math.min(1, Math.max(0, v))) * plotH;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${PAD.left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="11">${tick}</text>`,
    );
  }
  for (let i = 0; i < length; i++) {
    parts.push(
      `<text x="${x(i)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle" font-size="11">${i}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 4}" text-anchor="middle" font-size="11">iteration (0: before any update)</text>`,
  );
  arms.forEach((arm, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    const columns = Array.from({ length }, (_, i) =>
      arm.curves.flatMap((c) => (c.values[i] === undefined ? [] : [c.values[i]!])),
    );
    const present = columns.map((col, i) => ({ i, col })).filter((p) => p.col.length > 0);
    if (present.length > 0) {
      const upper = present.map((p) => `${x(p.i)},${y(Math.max(...p.col))}`);
      const lower = present.map((p) => `${x(p.i)},${y(Math.min(...p.col))}`).reverse();
      parts.push(
        `<polygon points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.15"/>`,
      );
      const means = present.map((p) => ({
        cx: x(p.i),
        cy: y(p.col.reduce((s, v) => s + v, 0) / p.col.length),
      }));
      parts.push(
        `<polyline points="${means.map((m) => `${m.cx},${m.cy}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5"/>`,
        // Points too, so a curve of one iteration (a run that stopped early) still shows.
        ...means.map((m) => `<circle cx="${m.cx}" cy="${m.cy}" r="3.5" fill="${colour}"/>`),
      );
    }
    for (const curve of arm.curves) {
      const points = curve.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
      parts.push(
        `<polyline points="${points}" fill="none" stroke="${colour}" stroke-opacity="0.45" stroke-width="1"/>`,
      );
    }
    const ly = PAD.top + 14 + k * 18;
    parts.push(
      `<rect x="${WIDTH - PAD.right + 12}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${WIDTH - PAD.right + 30}" y="${ly + 1}" font-size="12">${escapeXml(arm.arm)} (${arm.runs})</text>`,
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
