import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileCache } from './file-cache';

const answer = (text: string) => ({ text, usage: { inputTokens: 3, outputTokens: 1 }, model: 'm' });

describe('openFileCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backflow-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per entry and reloads them in a new process', async () => {
    const path = join(dir, 'sub', 'cache.jsonl');
    const first = openFileCache(path);
    expect(first.loaded).toBe(0);
    await first.set('k1', answer('one'));
    await first.set('k2', answer('two'));
    await first.flush();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).key)).toEqual(['k1', 'k2']);

    const second = openFileCache(path);
    expect(second.loaded).toBe(2);
    expect(await second.get('k2')).toEqual(answer('two'));
    expect(await second.get('nope')).toBeUndefined();
  });

  it('skips a torn last line and starts the next append on a fresh line', async () => {
    const path = join(dir, 'cache.jsonl');
    writeFileSync(path, `${JSON.stringify({ key: 'k1', value: answer('one') })}\n{"key":"k2","val`);
    const cache = openFileCache(path);
    expect(cache.loaded).toBe(1);
    expect(cache.skipped).toBe(1);
    await cache.set('k3', answer('three'));
    const reopened = openFileCache(path);
    expect(reopened.loaded).toBe(2);
    expect(reopened.skipped).toBe(1);
    expect(await reopened.get('k3')).toEqual(answer('three'));
  });

  it('later lines win and returned values are copies', async () => {
    const path = join(dir, 'cache.jsonl');
    appendFileSync(path, `${JSON.stringify({ key: 'k', value: answer('old') })}\n`);
    appendFileSync(path, `${JSON.stringify({ key: 'k', value: answer('new') })}\n`);
    const cache = openFileCache(path);
    const hit = await cache.get('k');
    expect(hit?.text).toBe('new');
    if (hit) hit.text = 'mutated';
    expect((await cache.get('k'))?.text).toBe('new');
  });
});
