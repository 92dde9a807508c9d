import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkWorkflow } from './check';
import { parseWorkflow } from './document';
import type { Problem } from './problems';
import { serializeCanonical } from './serialize';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const read = (relative: string) => readFileSync(`${fixturesDir}${relative}`, 'utf8');

type Expected = Pick<Problem, 'code' | 'nodeId' | 'edgeId' | 'field'>;
const expected = JSON.parse(read('invalid/expected.json')) as Record<string, Expected>;
const invalidFiles = readdirSync(`${fixturesDir}invalid`).filter((f) => f !== 'expected.json');
const validFiles = readdirSync(`${fixturesDir}valid`);
const expectedWarnings = JSON.parse(read('warnings/expected.json')) as Record<string, Expected>;
const warningFiles = readdirSync(`${fixturesDir}warnings`).filter((f) => f !== 'expected.json');

describe('invalid workflow corpus', () => {
  it('has at least 24 documents, each with an expectation', () => {
    expect(invalidFiles.length).toBeGreaterThanOrEqual(24);
    expect(Object.keys(expected).sort()).toEqual([...invalidFiles].sort());
  });

  it.each(invalidFiles)('rejects %s with the expected code and location', (file) => {
    const want = expected[file]!;
    const result = checkWorkflow(read(`invalid/${file}`));
    expect(result.ok).toBe(false);
    const match = result.problems.find(
      (p) =>
        p.code === want.code &&
        p.severity === 'error' &&
        p.nodeId === want.nodeId &&
        p.edgeId === want.edgeId &&
        (want.field === undefined || p.field === want.field),
    );
    expect(match, JSON.stringify(result.problems, null, 2)).toBeDefined();
    expect(match!.message.length).toBeGreaterThan(20);
  });
});

describe('valid workflow fixtures', () => {
  it('covers chain, diamond, fan-in and two outputs', () => {
    expect(validFiles.sort()).toEqual(['chain.json', 'diamond.json', 'fan-in.json', 'two-outputs.json']);
  });

  it.each(validFiles)('%s has no problems at all', (file) => {
    expect(checkWorkflow(read(`valid/${file}`)).problems).toEqual([]);
  });

  it.each(validFiles)('%s round-trips parse -> serialise -> parse to an identical value', (file) => {
    const original = read(`valid/${file}`);
    const first = parseWorkflow(original);
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    const text = serializeCanonical(first.workflow);
    const second = parseWorkflow(text);
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    expect(second.workflow).toEqual(first.workflow);
    expect(serializeCanonical(second.workflow)).toBe(text);
    // The fixtures are stored in canonical form, so even the bytes survive the round trip.
    expect(text).toBe(original);
  });
});

describe('warning corpus', () => {
  it('has an expectation for each document', () => {
    expect(Object.keys(expectedWarnings).sort()).toEqual([...warningFiles].sort());
  });

  it.each(warningFiles)('accepts %s (runnable) and warns with the expected code and location', (file) => {
    const want = expectedWarnings[file]!;
    const result = checkWorkflow(read(`warnings/${file}`));
    expect(result.ok).toBe(true);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const match = result.problems.find(
      (p) =>
        p.code === want.code &&
        p.nodeId === want.nodeId &&
        p.edgeId === want.edgeId &&
        p.field === want.field,
    );
    expect(match, JSON.stringify(result.problems, null, 2)).toBeDefined();
  });
});
