/**
 * Lower bounds on an iteration's wall time, from its calls, their dependencies and the latency.
 * A call takes `latency`; at most `concurrency` run at once; a call that needs another's answer
 * starts after it. Two bounds:
 * - the ideal: max(critical-path calls, calls / concurrency) x latency;
 * - the phase bound: the same per phase, summed over the algorithm's barriers (the minibatch
 *   forward must finish before the error batch exists; the gate needs every proposal), i.e. the
 *   best any scheduler can do without changing what the algorithm computes.
 */
import type { AlgorithmName, Workflow } from '@backflow/engine';
import { llmDepth } from './workflows';

/** What one unit did, as the bounds need it: its name and the calls it consumed. */
export interface UnitCalls {
  unit: string;
  calls: number;
}

const FORWARD_LIKE = /^(forward|gate|baseline|iterationEnd)/;

/**
 * Sequential call rounds inside one unit: forward-like units (minibatch forward, gate, validation)
 * wait for the workflow's llm depth; GTBP's backward at a node with two or more successors first
 * reconciles the successors' targets, then inverts (two rounds, when both happened); every other
 * unit makes its calls independently per example (one round), or none.
 */
export function criticalCalls(
  algorithm: AlgorithmName,
  workflow: Workflow,
  unit: string,
  calls: number,
  examples: number,
): number {
  if (calls === 0) return 0;
  if (FORWARD_LIKE.test(unit)) return llmDepth(workflow);
  if (algorithm === 'gtbp' && unit.startsWith('backward:') && calls > examples) return 2;
  return 1;
}

/**
 * The iteration's longest chain of dependent calls. Forward-like units chain one after another.
 * Between them, the seed, the backward steps and the updates form a dataflow: the backward step at
 * a node needs its successors' steps; the update of a node needs the node's own step; updates of
 * different nodes do not wait for each other.
 */
export function criticalPathCalls(
  algorithm: AlgorithmName,
  workflow: Workflow,
  units: readonly UnitCalls[],
  examples: number,
): number {
  return phasesOf(units).reduce((sum, phase) => sum + phaseCritical(algorithm, workflow, phase, examples), 0);
}

/** Each forward-like unit alone, and each stretch of seed, backward and update units between them. */
function phasesOf(units: readonly UnitCalls[]): UnitCalls[][] {
  const phases: UnitCalls[][] = [];
  let walk: UnitCalls[] = [];
  for (const u of units) {
    if (FORWARD_LIKE.test(u.unit)) {
      if (walk.length > 0) phases.push(walk);
      walk = [];
      phases.push([u]);
    } else walk.push(u);
  }
  if (walk.length > 0) phases.push(walk);
  return phases;
}

function phaseCritical(
  algorithm: AlgorithmName,
  workflow: Workflow,
  phase: readonly UnitCalls[],
  examples: number,
): number {
  const [first] = phase;
  if (phase.length === 1 && first && FORWARD_LIKE.test(first.unit))
    return criticalCalls(algorithm, workflow, first.unit, first.calls, examples);
  return walkCriticalPath(algorithm, workflow, phase, examples);
}

function walkCriticalPath(
  algorithm: AlgorithmName,
  workflow: Workflow,
  walk: readonly UnitCalls[],
  examples: number,
): number {
  const rounds = (name: string) => {
    const u = walk.find((w) => w.unit === name);
    return u ? criticalCalls(algorithm, workflow, u.unit, u.calls, examples) : 0;
  };
  const seed = rounds('seed');
  const chain = new Map<string, number>();
  // Depth of the backward chain that ends at the node's own step (memoised over the DAG).
  const backwardDepth = (id: string): number => {
    const known = chain.get(id);
    if (known !== undefined) return known;
    const after = workflow.edges.filter((e) => e.source === id).map((e) => backwardDepth(e.target));
    const depth = rounds(`backward:${id}`) + Math.max(0, ...after);
    chain.set(id, depth);
    return depth;
  };
  let longest = 0;
  for (const node of workflow.nodes) {
    longest = Math.max(longest, backwardDepth(node.id) + rounds(`update:${node.id}`));
  }
  return walk.some((w) => w.calls > 0) ? seed + longest : 0;
}

/** max(critical calls, calls / concurrency) x latency for the whole iteration. */
export function idealBound(
  criticalCalls: number,
  calls: number,
  latencyMs: number,
  concurrency: number,
): number {
  return Math.max(criticalCalls, calls / concurrency) * latencyMs;
}

/** The time one round of `callsInFlight` calls sent together takes (a fixed latency, or measured). */
export type RoundTime = (callsInFlight: number) => number;

/**
 * The ideal bound per barrier-separated phase, summed: each forward-like unit is a phase, and so is
 * each stretch of seed, backward and update units between them. With a {@link RoundTime} instead
 * of a latency, each phase's rounds cost what a round of that many calls in flight was measured to
 * cost (see client-rounds.ts).
 */
export function phaseBound(
  algorithm: AlgorithmName,
  workflow: Workflow,
  units: readonly UnitCalls[],
  examples: number,
  latency: number | RoundTime,
  concurrency: number,
): number {
  return phasesOf(units).reduce((sum, phase) => {
    const calls = phase.reduce((s, u) => s + u.calls, 0);
    const critical = phaseCritical(algorithm, workflow, phase, examples);
    if (typeof latency === 'number') return sum + idealBound(critical, calls, latency, concurrency);
    const rounds = Math.max(critical, calls / concurrency);
    if (rounds === 0) return sum;
    const inFlight = Math.min(concurrency, Math.max(1, Math.round(calls / rounds)));
    return sum + rounds * latency(inFlight);
  }, 0);
}
