// The CLI bundle's vendored libraries (build.mjs): the openai SDK and zod, each bundled into a
// CommonJS file of its own (`chunks/vendor-<library>-<hash>.cjs`), which the chunks reach through
// apps/cli/src/cli/vendor-code.ts. CommonJS because that is what Node 20 can run from V8's code
// cache (vm.Script's cachedData; its ESM loader takes no cache), and most of what `backflow run`
// parses before its first request is these two libraries.
//
// In the main build an esbuild plugin stands in for `import ... from 'openai'` and `'zod'`: a small
// ES module that loads the file and exports the names the CLI's sources import. Only those names
// are vendored, so the files keep esbuild's tree-shaking: zod's 60 locales (500 KB) and the parts
// of zod no source uses stay out, as they did when zod was bundled into the chunks.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The libraries vendored. */
const LIBRARIES = ['openai', 'zod'];

/**
 * Names never vendored, even when a source reads them: zod's `locales`, and its `z` and `core`
 * namespaces, which carry the locales along. Sources name `z.core` in types only (`z.core.$ZodIssue`),
 * which this scan cannot tell from a value; a value read of one of these fails the build.
 */
const NEVER = { openai: [], zod: ['locales', 'z', 'core'] };

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
};

/** The export names of `library` as esbuild reads them (`default` included when it has one). */
async function exportNames(library, resolveDir) {
  const names = async (contents) => {
    const result = await build({
      ...COMMON,
      stdin: { contents, resolveDir, sourcefile: 'names.js' },
      format: 'esm',
      outfile: 'names.mjs',
      metafile: true,
    });
    return Object.values(result.metafile.outputs)[0].exports;
  };
  const all = await names(`export * from '${library}';`);
  const withDefault = await names(`export { default } from '${library}';`).catch(() => []);
  return new Set([...all, ...withDefault]);
}

/** The TypeScript sources under `dir` that ship (tests left out). */
async function sources(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/**
 * The value names `code` imports from `library`: named imports (less `type` ones), `default` for
 * a default import, and for a namespace import (`import * as z`) every `z.<name>` it reads. Type
 * names read through a namespace (`z.infer`) are dropped later, as the library exports no value of
 * that name.
 */
function importedNames(code, library) {
  const found = new Set();
  // A clause holds no quote or semicolon, so a match never runs on from another module's import.
  const pattern = new RegExp(`import\\s+(?!type\\s)([^;'"]*?)\\s+from\\s+['"]${library}['"]`, 'g');
  for (const [, clause] of code.matchAll(pattern)) {
    const namespace = /\*\s+as\s+([\w$]+)/.exec(clause)?.[1];
    if (namespace) {
      for (const [, name] of code.matchAll(new RegExp(`\\b${namespace}\\.([\\w$]+)`, 'g'))) found.add(name);
      continue;
    }
    const braces = /\{([\s\S]*)\}/.exec(clause)?.[1];
    for (const part of braces?.split(',') ?? []) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name && !name.startsWith('type ')) found.add(name);
    }
    if (/^[\w$]+/.test(clause.trim())) found.add('default');
  }
  return found;
}

/** The input files that put code in `output` (the others were tree-shaken away). */
function usedInputs(output) {
  return Object.entries(output.inputs).flatMap(([input, { bytesInOutput }]) =>
    bytesInOutput > 0 ? [input] : [],
  );
}

/**
 * Bundles each vendored library, with the names imported anywhere in `sourceDirs`, into
 * `chunksDir`. Returns the esbuild plugin that points the main build's imports of them at their
 * files, with each file's name, size and inputs (for build.mjs's checks on what `run` loads). A
 * name the stand-in lacks shows in the main build as esbuild's "will always be undefined"
 * warning, which build.mjs turns into a failure.
 */
export async function buildVendored({ chunksDir, resolveDir, loaderPath, sourceDirs }) {
  const codes = await Promise.all(
    (await Promise.all(sourceDirs.map(sources))).flat().map((file) => readFile(file, 'utf8')),
  );
  const files = {};
  for (const library of LIBRARIES) {
    const exported = await exportNames(library, resolveDir);
    const names = [...new Set(codes.flatMap((code) => [...importedNames(code, library)]))]
      .filter((name) => exported.has(name) && !NEVER[library].includes(name))
      .sort();
    const result = await build({
      ...COMMON,
      stdin: {
        contents: `export { ${names.join(', ')} } from '${library}';`,
        resolveDir,
        sourcefile: `${library}.js`,
      },
      format: 'cjs',
      outfile: `${library}.cjs`,
      metafile: true,
    });
    const code = result.outputFiles[0].text;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 8).toUpperCase();
    const name = `vendor-${library}-${hash}.cjs`;
    await writeFile(join(chunksDir, name), code);
    const [output] = Object.values(result.metafile.outputs);
    files[library] = { name, names, bytes: output.bytes, inputs: usedInputs(output) };
  }
  const plugin = {
    name: 'backflow-vendored',
    setup(b) {
      const filter = new RegExp(`^(${LIBRARIES.join('|')})$`);
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vendored' }));
      b.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => {
        const { name, names } = files[args.path];
        const named = names.filter((n) => n !== 'default');
        const lines = [
          `import { loadVendor } from ${JSON.stringify(loaderPath)};`,
          `const m = loadVendor(${JSON.stringify(name)});`,
          ...(named.length > 0 ? [`export const { ${named.join(', ')} } = m;`] : []),
          ...(names.includes('default') ? ['export default m.default;'] : []),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir };
      });
    },
  };
  return { plugin, files };
}
