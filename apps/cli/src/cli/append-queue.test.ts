import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppendQueue } from './append-queue';

describe('openAppendQueue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backflow-append-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every line in order, creating the folder, however the appends interleave with writes', async () => {
    const path = join(dir, 'sub', 'log.jsonl');
    const file = openAppendQueue(path);
    const expected: string[] = [];
    for (let round = 0; round < 5; round++) {
      // A burst (gathered into one write), then a pause for the write to land.
      for (let i = 0; i < 20; i++) {
        const line = `${round}-${i}`;
        expected.push(line);
        void file.append(`${line}\n`);
      }
      if (round % 2 === 0) await file.flush();
    }
    const last = file.append('end\n');
    await last;
    expect(readFileSync(path, 'utf8')).toBe(`${[...expected, 'end'].join('\n')}\n`);
  });

  it('creates nothing before the first append', async () => {
    const file = openAppendQueue(join(dir, 'sub', 'log.jsonl'));
    await file.flush();
    expect(() => readFileSync(join(dir, 'sub', 'log.jsonl'))).toThrow();
  });
});
