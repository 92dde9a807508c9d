// Bundles the `backflow` command line into one file, apps/cli/dist/backflow.mjs, runnable with
// plain Node 20 (`node apps/cli/dist/backflow.mjs` or through the package's `bin`).
// The bundle is written to a temporary file and renamed into place, so a test that runs the CLI
// while another process rebuilds it never sees a half-written file.
import { chmod, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(cliDir, 'dist', 'backflow.mjs');
const temp = `${outfile}.${process.pid}.tmp`;

await mkdir(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(cliDir, 'src', 'main.ts')],
  outfile: temp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some bundled CommonJS dependencies call require() on Node built-ins; ESM has no require.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __backflowCreateRequire } from 'node:module';\nconst require = __backflowCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
await chmod(temp, 0o755);
await rename(temp, outfile);
console.log(`built ${outfile}`);
