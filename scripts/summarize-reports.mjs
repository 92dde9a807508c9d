// Sums the test counts of every suite's JSON report into the one line CI reads:
// `N passed, N failed`. Typecheck, lint and the builds count as one check each.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const steps = readFileSync(join(dir, 'steps.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

let passed = 0;
let failed = 0;
const rows = [];

function readJson(name) {
  const file = join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

for (const step of steps) {
  if (step.name === 'unit' || step.name.startsWith('unit-')) {
    // `unit` is the main run; `unit-nodeNN` the same tests again on another Node version.
    const suffix = step.name === 'unit' ? '' : step.name.slice('unit'.length);
    const report = readJson(`vitest${suffix}.json`);
    const p = report?.numPassedTests ?? 0;
    // A suite that failed to load has no failed tests but failed files: count those too.
    const f = (report?.numFailedTests ?? 0) + (report?.numFailedTestSuites ?? 0);
    const missing = report ? 0 : 1;
    passed += p;
    failed += f + missing + (!step.ok && f === 0 && !missing ? 1 : 0);
    rows.push(`${step.name} tests: ${p} passed, ${f + missing} failed (${step.seconds}s)`);
  } else if (step.name === 'e2e') {
    const report = readJson('playwright.json');
    const s = report?.stats ?? {};
    const p = (s.expected ?? 0) + (s.flaky ?? 0);
    const f = s.unexpected ?? 0;
    const missing = report ? 0 : 1;
    passed += p;
    failed += f + missing + (!step.ok && f === 0 && !missing ? 1 : 0);
    rows.push(`e2e tests: ${p} passed, ${f + missing} failed (${step.seconds}s)`);
  } else {
    if (step.ok) passed += 1;
    else failed += 1;
    rows.push(`${step.name}: ${step.ok ? 'ok' : 'FAILED'} (${step.seconds}s)`);
  }
}

console.log('');
console.log('Summary');
for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
