/**
 * Parsers for the real benchmark fixtures in the shared datasets folder (see
 * /work/shared/datasets/README.md). Test files read the files (they may use node:fs; engine code,
 * this file included, may not) and pass the text here. {@link datasetUrl} resolves a fixture path
 * relative to this file.
 */

/** URL of a file under the shared datasets folder next to the repository. */
export function datasetUrl(path: string): URL {
  return new URL(`../../../../../../shared/datasets/${path}`, import.meta.url);
}

/** GSM8K JSONL rows: `{ question, answer }` with the answer ending in `#### N`. */
export function parseGsm8k(text: string): { question: string; answer: string }[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** A BBH task file's examples: `{ input, target }`. */
export function parseBbh(text: string): { input: string; target: string }[] {
  return JSON.parse(text).examples;
}

/** The answers ("Let's think step by step. ... So the answer is X.") of a BBH CoT prompt file. */
export function parseBbhCotAnswers(text: string): string[] {
  return [...text.matchAll(/^A: ([\s\S]*?)(?=\n\nQ: |\s*(?![\s\S]))/gm)].map((m) => m[1]!);
}
