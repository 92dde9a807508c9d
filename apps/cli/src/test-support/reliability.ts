/**
 * Test support for the CLI reliability tests: the optimize arguments of one seeded run against an
 * OpenAI-compatible URL, and readers of the files a run writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstBroken, type SimFixture, simFixtures } from './fixtures';

/** The first simulator fixture (a broken workflow with train and validation data). */
export const fixture = simFixtures()[0] as SimFixture;

/** `optimize` of the broken fixture with a fixed seed, against the server at `baseURL`. */
export function optimizeArgs(
  out: string,
  baseURL: string,
  algorithm = 'sembp',
  extra: string[] = [],
): string[] {
  return [
    'optimize',
    firstBroken(fixture),
    ...['--data', fixture.train, '--val', fixture.val, '--algorithm', algorithm],
    ...['--iterations', '3', '--batch-size', '6', '--seed', '11', '--out', out, '--quiet'],
    ...['--provider', 'openai', '--base-url', baseURL, '--model', 'sim'],
    ...extra,
  ];
}

/** One line of calls.jsonl (the fields these tests read). */
export interface LoggedCall {
  callKey: string;
  attempts: number;
  purpose: string;
  error?: unknown;
  cached?: boolean;
}

/** The records of a run's calls.jsonl, in file order. */
export function loggedCalls(dir: string): LoggedCall[] {
  const path = join(dir, 'calls.jsonl');
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8').trimEnd();
  return text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as LoggedCall);
}

/** Every file a run wrote into `dir` (recursively), as [path, text]. */
export function writtenFiles(dir: string): [string, string][] {
  const files: [string, string][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...writtenFiles(path));
    else files.push([path, readFileSync(path, 'utf8')]);
  }
  return files;
}
