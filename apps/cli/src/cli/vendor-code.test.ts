import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/built-cli';
import { codeCacheFolder, runWithCodeCache } from './vendor-code';

// A CommonJS file as the build writes them: requires a Node built-in, reads its own location,
// and exports functions (whose compiled code is what a cache written after a run also holds).
const LIBRARY = `const { basename } = require('node:path');
exports.where = basename(__filename) + ' in ' + basename(__dirname);
exports.double = (n) => n * 2;
exports.fail = () => { throw new Error('thrown on line 4'); };
module.exports.loadedAt = Date.now();
`;

let dir: string;
let file: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backflow-vendor-code-'));
  file = join(dir, 'vendor-lib-0123ABCD.cjs');
  cache = join(dir, 'cache');
  writeFileSync(file, LIBRARY);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Library = { where: string; double: (n: number) => number; fail: () => void };

/**
 * Loads `file` in a fresh Node process (V8 also keeps compiled code in memory for the life of a
 * process, so only a new one shows whether the cache on disk was used), and saves its cache after.
 */
function loadInNewProcess(save: boolean): { cache: string; double5: number } {
  const code = [
    `import { runWithCodeCache } from ${JSON.stringify(fileURLToPath(new URL('./vendor-code.ts', import.meta.url)))};`,
    `const m = runWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});`,
    save ? 'm.save();' : '',
    'console.log(JSON.stringify({ cache: m.cache, double5: m.exports.double(5) }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return JSON.parse(out) as { cache: string; double5: number };
}

describe('runWithCodeCache', () => {
  it('compiles without a cache the first time, from the cache written then after', () => {
    expect(loadInNewProcess(true)).toEqual({ cache: 'miss', double5: 10 });
    const written = readdirSync(cache);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^vendor-lib-0123ABCD\.cjs-\d+-\d+-v\d+\.\d+\.\d+-\w+\.v8$/);
    expect(loadInNewProcess(false)).toEqual({ cache: 'hit', double5: 10 });
  });

  it('runs the file as CommonJS: its own require, exports, module, __filename and __dirname', () => {
    const lib = runWithCodeCache(file, cache).exports as Library & { loadedAt: number };
    expect(lib.where).toBe(`vendor-lib-0123ABCD.cjs in ${basename(dir)}`);
    expect(lib.double(21)).toBe(42);
    expect(lib.loadedAt).toBeGreaterThan(0);
  });

  it('never runs the cached code of other source under the same name', () => {
    loadInNewProcess(true);
    // A hand edit of the same length: V8 would take the cache (it checks only the length), so the
    // file's size and time are in the cache's name, and the edited file compiles afresh.
    writeFileSync(file, LIBRARY.replace('n * 2', 'n * 3'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadInNewProcess(true)).toEqual({ cache: 'miss', double5: 15 });
    // The edited file's cache replaced the old one.
    expect(readdirSync(cache)).toHaveLength(1);
    expect(loadInNewProcess(false)).toEqual({ cache: 'hit', double5: 15 });
  });

  it('compiles afresh when the cache is garbage, still runs, and replaces it', () => {
    loadInNewProcess(true);
    const [name] = readdirSync(cache);
    writeFileSync(join(cache, name!), Buffer.from('not a code cache at all'));
    expect(loadInNewProcess(true)).toEqual({ cache: 'rejected', double5: 10 });
    expect(loadInNewProcess(false)).toEqual({ cache: 'hit', double5: 10 });
  });

  it('keeps the file’s own line numbers in stack traces', () => {
    const lib = runWithCodeCache(file, cache).exports as Library;
    expect(() => lib.fail()).toThrow('thrown on line 4');
    try {
      lib.fail();
    } catch (error) {
      expect((error as Error).stack).toContain(`${file}:4:`);
    }
  });

  it('leaves no partial file behind and never throws when the cache cannot be written', () => {
    const blocked = join(dir, 'a-file-not-a-folder');
    writeFileSync(blocked, 'x');
    const module = runWithCodeCache(file, blocked);
    expect(() => module.save()).not.toThrow();
    expect(readFileSync(blocked, 'utf8')).toBe('x');
    module.save();
    runWithCodeCache(file, cache).save();
    expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a cache folder others can write to', () => {
  it('is neither read nor written: its code could be anyone’s', () => {
    loadInNewProcess(true);
    expect(loadInNewProcess(false).cache).toBe('hit');
    chmodSync(cache, 0o777);
    expect(loadInNewProcess(true)).toEqual({ cache: 'miss', double5: 10 });
    const [name] = readdirSync(cache);
    const before = statSync(join(cache, name!)).mtimeMs;
    loadInNewProcess(true);
    expect(statSync(join(cache, name!)).mtimeMs).toBe(before);
    chmodSync(cache, 0o700);
    expect(loadInNewProcess(false).cache).toBe('hit');
  });
});

describe('codeCacheFolder', () => {
  it('follows Node’s own settings: NODE_COMPILE_CACHE, and NODE_DISABLE_COMPILE_CACHE=1 to turn it off', () => {
    expect(codeCacheFolder({ NODE_COMPILE_CACHE: '/var/cache/x' })).toBe('/var/cache/x');
    expect(codeCacheFolder({ NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: '/x' })).toBeUndefined();
    // The default is per user: users share the temp folder.
    const own = join(tmpdir(), `backflow-compile-cache-${process.getuid?.()}`);
    expect(codeCacheFolder({})).toBe(own);
    expect(codeCacheFolder({ NODE_COMPILE_CACHE: '' })).toBe(own);
  });
});
