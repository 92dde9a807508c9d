import type { Example } from './types';

/**
 * Every input field some example has, in order of first appearance: a dataset's `fields` when
 * nothing else names them (a hand-made bundle, a gallery example's rows).
 */
export function inputFieldsOf(examples: readonly Example[]): string[] {
  const fields = new Set<string>();
  for (const example of examples) for (const field of Object.keys(example.inputs)) fields.add(field);
  return [...fields];
}
