/**
 * GEPA's reflection: rewrite one module's instruction from the program's execution traces and the
 * loss's feedback. The simulator reads each example as a careful model would: the expected output
 * says what the last step should have answered; walking the trace backwards, each step's
 * instruction is inverted (search/inverse.ts) to find what the step before it should have given,
 * until the module itself is reached. The (input, desired output) pairs found this way feed the
 * same repair search as the other methods' updates.
 */
import type { GepaReflectTask } from '../../engine';
import { forwardAnswer } from '../forward';
import { stepsOf } from '../parse';
import { sameText } from '../search/compare';
import { invertSteps, valueBetween } from '../search/inverse';
import { promptUpdate } from './sembp';

type ReflectExample = GepaReflectTask['examples'][number];

/** Answers a `gepa.reflect` request with a rewritten instruction. */
export function gepaReflect(task: GepaReflectTask): string {
  const pairs: { input: string; desired: string }[] = [];
  for (const example of task.examples) {
    const desired = desiredAtModule(task.node.id, example);
    if (desired !== undefined) pairs.push({ input: example.input, desired });
  }
  const asksChange = task.examples.some((e) => e.score < 1);
  return promptUpdate(task.node, pairs, asksChange);
}

/**
 * What the module should have answered on one example, read backwards from the outputs through
 * the trace; undefined when the trace cannot be inverted (a code step, or no pre-image fits).
 */
export function desiredAtModule(moduleId: string, example: ReflectExample): string | undefined {
  const want = new Map<string, string>();
  for (const out of example.outputs) {
    if (want.has(out.from)) continue;
    want.set(out.from, out.score >= 1 ? out.value : out.expected);
  }
  const producers = [{ nodeId: moduleId, output: example.output }, ...example.trace];
  for (let i = example.trace.length - 1; i >= 0; i--) {
    const step = example.trace[i];
    const desired = step ? want.get(step.nodeId) : undefined;
    if (!step || desired === undefined || step.kind !== 'llm') continue;
    // The steps that fed this one: those whose output appears in the message it was sent.
    const feeders = producers
      .slice(0, i + 1)
      .filter((p) => p.output.trim() !== '' && step.input.includes(p.output));
    for (const feeder of feeders) {
      if (want.has(feeder.nodeId)) continue;
      if (sameText(step.output, desired)) {
        want.set(feeder.nodeId, feeder.output);
        continue;
      }
      const value = invertThrough(step.instruction, step.input, feeder.output, desired);
      if (value !== undefined) want.set(feeder.nodeId, value);
    }
  }
  return want.get(moduleId);
}

/**
 * A value that, put in place of `current` in the message `input`, makes the instruction answer
 * `desired`; checked by running the step again.
 */
function invertThrough(instruction: string, input: string, current: string, desired: string) {
  const at = input.indexOf(current);
  const before = input.slice(0, at);
  const after = input.slice(at + current.length);
  const steps = stepsOf(instruction);
  for (const pre of invertSteps(steps, desired)) {
    const value = valueBetween(before, after, pre);
    if (value === undefined || value === '') continue;
    if (sameText(forwardAnswer(instruction, `${before}${value}${after}`), desired)) return value;
  }
  return undefined;
}
