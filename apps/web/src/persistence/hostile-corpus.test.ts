/**
 * The studio's hostile corpus (e2e/fixtures/hostile/) through the same functions Import and the
 * Dataset tab call, without a browser: every refusal carries its manifest message. The e2e spec
 * hostile-input.spec.ts feeds the same files through the UI and checks nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { datasetFileProblem, detectFormat, inspectDatasetText } from '../engine-adapters/datasets';
import { decodeFileBytes, readUntrustedJson } from '../engine-adapters/parse';
import { isCliReport, readCliReport } from '../run-views/import/cli-report';
import { importBundle } from './bundle';

const DIR = new URL('../../../../e2e/fixtures/hostile/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as {
  cases: { file: string; through: 'import' | 'dataset'; outcome: string; message: string }[];
};
/** As the studio reads a picked file. */
const textOf = (file: string) => decodeFileBytes(readFileSync(new URL(file, DIR)));

/** As Import routes a file (shell/file-io.ts `importFiles`): a CLI report.json to the run views, anything else as a bundle. */
function importText(text: string): { ok: boolean; message?: string } {
  const json = readUntrustedJson(text);
  return json.ok && isCliReport(json.value) ? readCliReport(text) : importBundle(text);
}

describe('hostile corpus through Import', () => {
  const cases = manifest.cases.filter((c) => c.through === 'import');
  it.each(cases.filter((c) => c.outcome === 'refused'))('$file is refused: $message', ({ file, message }) => {
    const r = importText(textOf(file));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });
  it.each(cases.filter((c) => c.outcome === 'imported'))('$file is imported', ({ file }) => {
    expect(importText(textOf(file)).ok).toBe(true);
  });
});

describe('hostile corpus through the Dataset tab', () => {
  const cases = manifest.cases.filter((c) => c.through === 'dataset');
  it.each(cases.filter((c) => c.outcome === 'refused'))('$file is refused: $message', ({ file, message }) => {
    const text = textOf(file);
    expect(datasetFileProblem(text, detectFormat(file, text))).toContain(message);
  });
  it.each(cases.filter((c) => c.outcome === 'dialog'))('$file reads no rows', ({ file }) => {
    const text = textOf(file);
    const format = detectFormat(file, text);
    expect(datasetFileProblem(text, format)).toBeUndefined();
    expect(inspectDatasetText(text, format).rows).toEqual([]);
  });
});
