// Test helpers: the real benchmark subsets in ../shared/datasets (a sibling of the repository;
// never copied into the project).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the shared datasets folder, with a trailing slash. */
export const sharedDatasetsRoot = fileURLToPath(
  new URL('../../../../../../shared/datasets/', import.meta.url),
);

/** A file of the shared datasets folder as UTF-8 text. */
export const readShared = (path: string) => readFileSync(`${sharedDatasetsRoot}${path}`, 'utf8');

/** A `normalized/<name>.jsonl` file as its `{id, input, target}` rows. */
export const normalizedRows = (name: string) =>
  readShared(`normalized/${name}.jsonl`)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; input: string; target: string });
