// `pnpm bench`: runs every benchmark module in bench/ and writes bench/results/latest.json.
// Benchmarks report figures; they never pass or fail on machine speed.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const benchDir = join(process.cwd(), 'bench');
const modules = readdirSync(benchDir).filter((f) => f.endsWith('.bench.mjs'));
const results = {
  machine: { node: process.version, platform: process.platform },
  startedAt: new Date().toISOString(),
  benchmarks: [],
};
if (modules.length === 0) console.log('No benchmark modules in bench/ yet.');
for (const file of modules) {
  const mod = await import(pathToFileURL(join(benchDir, file)).href);
  const figures = await mod.run();
  results.benchmarks.push({ file, figures });
  console.table(figures);
}
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/results/latest.json');
