/**
 * Reading fixture files from text (the caller reads the files: tests and scripts may use node:fs,
 * the rest of this package stays browser-safe).
 */
import { type Example, type Workflow, workflowSchema } from '../engine';

/** Parses a workflow document, validating it against the engine's schema. */
export function parseWorkflow(text: string): Workflow {
  return workflowSchema.parse(JSON.parse(text));
}

/** Parses a JSONL dataset into examples (blank lines ignored). */
export function parseExamples(text: string): Example[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Example);
}
