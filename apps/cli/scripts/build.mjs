// Bundles the `backflow` command line for plain Node 20: apps/cli/dist/backflow.mjs (the entry)
// and apps/cli/dist/chunks/ (code split per command, so a process loads only what its command
// needs: the cold start of `backflow run` does not parse the optimizer or the simulator server).
// Whitespace and syntax are minified (less to parse at start); names are kept readable.
//
// The build goes to a temporary folder first. Chunks are named by their content's hash, so new
// ones are moved in beside any old ones without touching them, and the entry is renamed into
// place last: a test that runs the CLI while another process rebuilds never sees a torn bundle.
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildVendored } from './vendor.mjs';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(cliDir, 'dist');
const temp = join(dist, `.build-${process.pid}`);
// Chunks of earlier builds no entry refers to any more are removed once this old: long enough
// for any process started from an older entry to have loaded its chunks.
const STALE_CHUNK_MS = 60 * 60 * 1000;
const REQUIRE_BANNER =
  "import { createRequire as __backflowCreateRequire } from 'node:module';\nconst require = __backflowCreateRequire(import.meta.url);";

await rm(temp, { recursive: true, force: true });
await mkdir(join(temp, 'chunks'), { recursive: true });
// The openai SDK and zod go in CommonJS files of their own, which Node 20 runs from V8's code cache
// (scripts/vendor.mjs, src/cli/vendor-code.ts).
const repoRoot = join(cliDir, '..', '..');
const vendored = await buildVendored({
  chunksDir: join(temp, 'chunks'),
  resolveDir: join(repoRoot, 'packages', 'engine'),
  loaderPath: join(cliDir, 'src', 'cli', 'vendor-code.ts'),
  sourceDirs: [
    join(cliDir, 'src'),
    join(repoRoot, 'packages', 'engine', 'src'),
    join(repoRoot, 'packages', 'sim', 'src'),
  ],
});
const vendorFiles = Object.values(vendored.files);
const result = await build({
  entryPoints: { backflow: join(cliDir, 'src', 'main.ts') },
  outdir: temp,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  // Some bundled CommonJS dependencies call require() on Node built-ins; ESM has no require. The
  // banner goes on every file; it is taken off again below where nothing calls require().
  banner: { js: REQUIRE_BANNER },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [vendored.plugin],
});
// A name read from a vendored library that its stand-in does not export would be undefined at run
// time (scripts/vendor.mjs): fail the build instead.
const undefinedImports = result.warnings.filter((w) => /will always be undefined/.test(w.text));
if (undefinedImports.length > 0)
  throw new Error(`vendored imports missing: ${undefinedImports.map((w) => w.text).join('; ')}`);

// What `backflow run` loads before its first request: the entry and the run chunk with their static
// imports, and the vendored libraries. The build fails when code a run against a server never uses
// comes back into it: zod's ~60 locales (500 KB; they stay out while no source imports zod's `z`,
// `core` or `locales`, as `import * as z from 'zod'` does not) and the simulator (imported only
// when an endpoint is simulated).
const outputs = result.metafile.outputs;
const vendorBytes = vendorFiles.reduce((sum, f) => sum + f.bytes, 0);
const totalBytes = Object.values(outputs).reduce((sum, o) => sum + o.bytes, vendorBytes);
// The loader finds the vendored files beside its own chunk: it must be in chunks/.
const loaderAt = Object.keys(outputs).find((path) =>
  Object.keys(outputs[path].inputs).some((input) => input.endsWith('vendor-code.ts')),
);
if (!loaderAt || !/[/\\]chunks[/\\]/.test(loaderAt))
  throw new Error(`src/cli/vendor-code.ts landed in ${loaderAt}, not in chunks/`);
const runLoads = new Set();
const visit = (path) => {
  if (runLoads.has(path) || !outputs[path]) return;
  runLoads.add(path);
  for (const i of outputs[path].imports) if (i.kind === 'import-statement') visit(i.path);
};
visit(Object.keys(outputs).find((path) => path.endsWith('backflow.mjs')));
visit(Object.keys(outputs).find((path) => /[/\\]run-[^/\\]+\.mjs$/.test(path)));
// A run loads both vendored libraries (it validates with zod and calls through the SDK).
const runInputs = [
  ...[...runLoads].flatMap((path) =>
    Object.entries(outputs[path].inputs).flatMap(([input, { bytesInOutput }]) =>
      bytesInOutput > 0 ? [input] : [],
    ),
  ),
  ...vendorFiles.flatMap((f) => f.inputs),
];
for (const [pattern, fix] of [
  [/zod[/\\]v4[/\\]locales[/\\](?!en\.js)/, "import zod as `import * as z from 'zod'`"],
  [/packages[/\\]sim[/\\]/, 'import @backflow/sim dynamically'],
]) {
  const found = runInputs.filter((input) => pattern.test(input));
  if (found.length > 0)
    throw new Error(`backflow run would load ${found.length} files of ${found[0]}: ${fix}`);
}
const runBytes = [...runLoads].reduce((sum, path) => sum + outputs[path].bytes, vendorBytes);

// A `require` made for a file that never calls it still costs each start a createRequire() per
// chunk loaded (a dozen for `run`): only the files that use it keep the banner.
for (const path of Object.keys(outputs)) {
  if (!path.endsWith('.mjs')) continue;
  const code = await readFile(path, 'utf8');
  const body = code.startsWith(REQUIRE_BANNER) ? code.slice(REQUIRE_BANNER.length) : undefined;
  if (body !== undefined && !/\brequire\b/.test(body)) await writeFile(path, body.replace(/^\n/, ''));
}

await mkdir(join(dist, 'chunks'), { recursive: true });
const fresh = new Set();
for (const name of await readdir(join(temp, 'chunks'))) {
  fresh.add(name);
  await rename(join(temp, 'chunks', name), join(dist, 'chunks', name));
}
const entry = join(temp, 'backflow.mjs');
// The shebang goes on the entry alone (a banner would put it on every chunk).
await writeFile(entry, `#!/usr/bin/env node\n${await readFile(entry, 'utf8')}`);
await chmod(entry, 0o755);
await rename(entry, join(dist, 'backflow.mjs'));
await rm(temp, { recursive: true, force: true });

const now = Date.now();
for (const name of await readdir(join(dist, 'chunks'))) {
  if (fresh.has(name)) continue;
  const path = join(dist, 'chunks', name);
  if (now - (await stat(path)).mtimeMs > STALE_CHUNK_MS) await rm(path, { force: true });
}
console.log(
  `built ${join(dist, 'backflow.mjs')} (+${fresh.size} chunks, ${Math.round(totalBytes / 1024)} KB in all; \`run\` loads ${Math.round(runBytes / 1024)} KB)`,
);
