/**
 * The bundled CLI's third-party libraries: the openai SDK (650 KB) and zod (150 KB), most of the
 * code `backflow run` parses before its first request. The build (apps/cli/scripts/build.mjs)
 * puts each in a CommonJS file of its own beside the chunks, and the chunks reach them through
 * this loader, so that a start after the first one does not compile them again:
 * - Node 22.1 and later: a plain `require()`, which Node's own module compile cache covers (turned
 *   on by cli/compile-cache.ts before any command's code is loaded).
 * - Node 20, which has no such cache: V8's code cache, by hand. The file is compiled with the
 *   cached data of an earlier start when there is one, and when there was none (or V8 rejected
 *   it: a damaged file, other V8 flags) the process writes a fresh cache as it exits, by then
 *   holding the functions the command ran too. On 2 cores this took the SDK's load from 33-48 ms
 *   to 21-25 ms and zod's from 7-10 ms to 3.5-5.5 ms (most of what is left is not compiling).
 *
 * The cache folder is `NODE_COMPILE_CACHE` when set, else `<os temp folder>/backflow-compile-cache-<uid>`;
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does Node's own. A folder that others can
 * write to is not used. A cache is an optimisation only: one that cannot be read or written leaves
 * the command running as before.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** How a file's code cache served one load. */
export type CodeCacheUse = 'hit' | 'miss' | 'rejected';

/** A CommonJS file run from V8's code cache: its exports, and how to keep its compiled code. */
export interface CachedModule {
  exports: unknown;
  cache: CodeCacheUse;
  /** Writes the compiled code (with every function run so far) to the cache file; never throws. */
  save: () => void;
}

const loaded = new Map<string, unknown>();

/**
 * The exports of the vendored file `name` (a file in the same folder as this chunk), loaded once
 * per process, from the compile cache where there is one (see the file's comment).
 */
export function loadVendor(name: string): unknown {
  const known = loaded.get(name);
  if (known !== undefined) return known;
  const file = fileURLToPath(new URL(name, import.meta.url));
  const folder = codeCacheFolder(process.env);
  let exports: unknown;
  // Node 22.1+ caches what require() compiles (main.ts turned it on); Node 20 has no such cache.
  if (folder === undefined || 'enableCompileCache' in nodeModule) exports = createRequire(file)(file);
  else {
    const module = runWithCodeCache(file, folder);
    if (module.cache !== 'hit') process.once('exit', module.save);
    exports = module.exports;
  }
  loaded.set(name, exports);
  return exports;
}

/**
 * Where code caches go for `env`, or undefined when they are turned off. The default is the user's
 * own folder in the temp folder (named by user id where the system has one), since users share it.
 */
export function codeCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  const user = process.getuid?.();
  return (
    env.NODE_COMPILE_CACHE || join(tmpdir(), `backflow-compile-cache${user === undefined ? '' : `-${user}`}`)
  );
}

/**
 * Whether `folder` can hold code this process will run: a folder of this user's that no one else
 * can write to. V8 runs a code cache it accepts without checking what the code does, so a cache
 * another user could have written would be a way to run their code as this one. Where there are
 * no user ids or permission bits (Windows), any folder passes.
 */
function isPrivateFolder(folder: string): boolean {
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return false;
  const user = process.getuid?.();
  return user === undefined || (stat.uid === user && (stat.mode & 0o022) === 0);
}

/**
 * Runs the CommonJS file `file` as Node's loader would (its own `require`, `module`, `exports`,
 * `__filename`, `__dirname`), compiled from the cache in `folder` when that holds code for this
 * file and this Node. The cache file is named by the file's name (which carries its content hash
 * in a build), size and modification time, Node's version and the architecture. The time is there
 * because V8's own check of a cache compares only the source's length and V8's flags: a cache
 * of other source of the same length would be taken, and run the old code of its functions.
 */
export function runWithCodeCache(file: string, folder: string): CachedModule {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const version = `${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}`;
  const cacheFile = join(folder, `${basename(file)}-${version}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = isPrivateFolder(folder) ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  // The wrapper stays on the source's first line, so line numbers in stack traces are the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // A dynamic import() inside the file resolves as it would in a module Node loaded itself.
    ...dynamicImportOption(),
  });
  const cache: CodeCacheUse =
    cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  const save = () => {
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      if (!isPrivateFolder(folder)) return;
      // Written beside and renamed into place: a process reading it never sees half a file.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
      // The caches of this file's earlier versions (an edit, another Node) are of no more use.
      for (const old of readdirSync(folder)) {
        if (old.startsWith(`${basename(file)}-`) && old.endsWith('.v8') && old !== basename(cacheFile))
          rmSync(join(folder, old), { force: true });
      }
    } catch {
      // No cache this time; the next start compiles again.
    }
  };
  return { exports: module.exports, cache, save };
}

/** `importModuleDynamically` for Node's default loader, where this Node has it (20.12 and later). */
function dynamicImportOption(): Pick<vm.ScriptOptions, 'importModuleDynamically'> {
  // Typed as a number in Node 20's types; it is a symbol that vm.Script accepts in its place.
  const constant = (vm.constants as Record<string, unknown> | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  return constant === undefined
    ? {}
    : { importModuleDynamically: constant as vm.ScriptOptions['importModuleDynamically'] };
}
