// `pnpm bench`: runs every benchmark module bench/*.bench.ts (in file-name order; tsx loads the
// TypeScript) and writes bench/results/latest.json plus a table per benchmark on stdout.
// Benchmarks report figures; they never pass or fail on machine speed. BENCH_ONLY=1,3 runs a subset.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const benchDir = join(process.cwd(), 'bench');
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const modules = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || only.some((prefix) => f.startsWith(`${prefix}-`)))
  .sort();
const results = {
  machine: {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
  },
  startedAt: new Date().toISOString(),
  benchmarks: [],
};
if (modules.length === 0) console.log('No benchmark modules in bench/ yet.');
for (const file of modules) {
  const started = performance.now();
  const mod = await import(pathToFileURL(join(benchDir, file)).href);
  let result;
  try {
    result = await mod.run();
  } catch (err) {
    // One benchmark failing to run must not lose the others' figures: record why.
    result = { title: file, rows: [], notes: [`did not run: ${err?.stack ?? err}`] };
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  results.benchmarks.push({ file, seconds, ...result });
  console.log(`\n${result.title}  [${seconds} s]`);
  if (result.rows.length > 0) console.table(result.rows);
  for (const note of result.notes ?? []) console.log(`  note: ${note}`);
}
results.finishedAt = new Date().toISOString();
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results/latest.json');
