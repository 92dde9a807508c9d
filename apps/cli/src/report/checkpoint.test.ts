import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyReportFold, type SessionState } from '@backflow/engine';
import { emptyStats } from '../providers/build-models';
import { tempDir } from '../test-support/fixtures';
import {
  type CliCheckpoint,
  checkpointPath,
  loadCheckpoint,
  runDataPath,
  saveCheckpoint,
} from './checkpoint';

const storedSession = () =>
  JSON.parse(
    readFileSync(
      join(
        import.meta.dirname,
        '../../../../packages/engine/src/optim/fixtures/session-v1-gtbp-mid-backward.json',
      ),
      'utf8',
    ),
  ) as SessionState;

function checkpointOf(session: SessionState, version: 1 | 2 = 2): CliCheckpoint {
  return {
    format: 'backflow.cli-checkpoint',
    version,
    savedAt: '2026-12-07T00:00:00.000Z',
    run: {
      workflowFile: 'w.json',
      workflowId: 'w',
      workflowName: 'W',
      dataFile: 'train.jsonl',
      provider: { provider: 'sim' } as CliCheckpoint['run']['provider'],
      startedAt: '2026-12-07T00:00:00.000Z',
      test: { file: 'test.jsonl', examples: session.val },
    },
    session,
    collector: emptyReportFold(),
    counters: { ...emptyStats(), wallMs: 0, resumes: 0 },
  };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('checkpoint');
});
afterEach(() => tmp.remove());

describe('the CLI checkpoint in two files', () => {
  it('writes the examples once to data.json and the rest per unit, and loads back the same run', async () => {
    const checkpoint = checkpointOf(storedSession());
    await saveCheckpoint(tmp.dir, checkpoint);
    const dataBytes = readFileSync(runDataPath(tmp.dir), 'utf8');
    const onDisk = JSON.parse(readFileSync(checkpointPath(tmp.dir), 'utf8'));
    expect(onDisk.version).toBe(2);
    expect(onDisk.session.train).toBeUndefined();
    expect(onDisk.run.test).toEqual({ file: 'test.jsonl' });
    // A later unit rewrites only checkpoint.json.
    checkpoint.session.unitIndex++;
    await saveCheckpoint(tmp.dir, checkpoint);
    expect(readFileSync(runDataPath(tmp.dir), 'utf8')).toBe(dataBytes);
    const loaded = await loadCheckpoint(tmp.dir);
    expect(loaded.session).toEqual(checkpoint.session);
    expect(loaded.run.test?.examples).toEqual(checkpoint.run.test?.examples);
  });

  it('still resumes a version-1 checkpoint (one file) and writes version 2 from then on', async () => {
    const checkpoint = checkpointOf(storedSession(), 1);
    writeFileSync(checkpointPath(tmp.dir), JSON.stringify(checkpoint));
    const loaded = await loadCheckpoint(tmp.dir);
    expect(loaded.session).toEqual(checkpoint.session);
    expect(existsSync(runDataPath(tmp.dir))).toBe(false);
    await saveCheckpoint(tmp.dir, loaded);
    expect(JSON.parse(readFileSync(checkpointPath(tmp.dir), 'utf8')).version).toBe(2);
    expect((await loadCheckpoint(tmp.dir)).session).toEqual(checkpoint.session);
  });

  it('says so when data.json is missing or belongs to another run', async () => {
    const a = checkpointOf(storedSession());
    await saveCheckpoint(tmp.dir, a);
    const other = tempDir('checkpoint-other');
    try {
      const session = storedSession();
      session.train = session.train.slice(1);
      await saveCheckpoint(other.dir, checkpointOf(session));
      writeFileSync(runDataPath(tmp.dir), readFileSync(runDataPath(other.dir)));
      await expect(loadCheckpoint(tmp.dir)).rejects.toThrow(/belongs to other data/);
    } finally {
      other.remove();
    }
    writeFileSync(runDataPath(tmp.dir), '');
    await expect(loadCheckpoint(tmp.dir)).rejects.toThrow(/cannot read the checkpoint .*data\.json: it/);
    rmSync(runDataPath(tmp.dir));
    await expect(loadCheckpoint(tmp.dir)).rejects.toThrow(
      /data\.json is missing \(the checkpoint beside it needs it\)/,
    );
  });
});
