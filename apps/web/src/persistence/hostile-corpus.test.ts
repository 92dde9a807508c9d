/**
 * The studio's hostile corpus (e2e/fixtures/hostile/) through the same functions Import and the
 * Dataset tab call, without a browser: every refusal carries its manifest message. The e2e spec
 * hostile-input.spec.ts feeds the same files through the UI and checks nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { type DecodedFile, decodeFileBytes } from '@backflow/engine';
import { inspectDatasetText, readPickedDataset } from '../engine-adapters/datasets';
import { readUntrustedJson, undecodedFileProblem } from '../engine-adapters/parse';
import { isCliReport, readCliReport } from '../run-views/import/cli-report';
import { importBundle } from './bundle';

const DIR = new URL('../../../../e2e/fixtures/hostile/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as {
  cases: { file: string; through: 'import' | 'dataset'; outcome: string; message: string }[];
};
/** As the studio reads a picked file (engine-adapters/parse.ts `readFileText`). */
const decodedOf = (file: string): DecodedFile => decodeFileBytes(readFileSync(new URL(file, DIR)));

/**
 * As Import routes a file (shell/file-io.ts `importFiles`): one that is not text is refused, a CLI
 * report.json goes to the run views, anything else is read as a bundle.
 */
function importText(decoded: DecodedFile): { ok: boolean; message?: string } {
  if (!decoded.ok) return { ok: false, message: undecodedFileProblem(decoded, 'workflow') };
  const json = readUntrustedJson(decoded.text);
  return json.ok && isCliReport(json.value) ? readCliReport(decoded.text) : importBundle(decoded.text);
}

describe('hostile corpus through Import', () => {
  const cases = manifest.cases.filter((c) => c.through === 'import');
  it.each(cases.filter((c) => c.outcome === 'refused'))('$file is refused: $message', ({ file, message }) => {
    const r = importText(decodedOf(file));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });
  it.each(cases.filter((c) => c.outcome === 'imported'))('$file is imported', ({ file }) => {
    expect(importText(decodedOf(file)).ok).toBe(true);
  });
});

describe('hostile corpus through the Dataset tab', () => {
  const cases = manifest.cases.filter((c) => c.through === 'dataset');
  it.each(cases.filter((c) => c.outcome === 'refused'))('$file is refused: $message', ({ file, message }) => {
    const picked = readPickedDataset(file, decodedOf(file));
    expect(!picked.ok && picked.message).toContain(message);
  });
  it.each(cases.filter((c) => c.outcome === 'dialog'))('$file reads no rows', ({ file }) => {
    const picked = readPickedDataset(file, decodedOf(file));
    if (!picked.ok) throw new Error(picked.message);
    expect(inspectDatasetText(picked.text, picked.format).rows).toEqual([]);
  });
  it.each(cases.filter((c) => c.outcome === 'imported'))(
    '$file reads its rows: $message',
    ({ file, message }) => {
      const picked = readPickedDataset(file, decodedOf(file));
      if (!picked.ok) throw new Error(picked.message);
      expect(`${inspectDatasetText(picked.text, picked.format).rows.length} examples`).toBe(message);
    },
  );
});
