import { createFunctionCodeRunner } from '../code/function-runner';
import { type CodeRunner, DEFAULT_CODE_TIMEOUT_MS } from '../code/types';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { Workflow } from '../graph/schema';
import { isAnswerNode, nodeKindOf } from '../nodes/registry';
import { abortErrorOf } from './abort';
import { bindInputs } from './node-steps';
import { type ForwardPlan, planForward } from './plan';
import type { ExampleTrace, ForwardEvent, NodeTrace } from './types';

/** Arguments of {@link runForward}. */
export interface RunForwardArgs {
  workflow: Workflow;
  examples: Example[];
  /** Scope of the call keys: `${callKeyPrefix}/forward/${nodeId}/${exampleId}` (default "fwd"). */
  callKeyPrefix?: string;
  /** Live progress; a listener that throws aborts the run with that error. */
  onEvent?: (event: ForwardEvent) => void;
  /**
   * Stream llm answers: each node's partial text arrives as `nodePartial` events while its call
   * runs (the request carries `onPartial`, so OpenAI-compatible endpoints are called with
   * `stream: true`). Off by default: batch runs and optimization do not need the extra events.
   */
  stream?: boolean;
  /** How long a code node may run (default {@link DEFAULT_CODE_TIMEOUT_MS}). */
  codeTimeoutMs?: number;
  /**
   * Per example id, llm or code nodes whose earlier trace stands as it is (no call, no run): a
   * counterfactual re-run of one subgraph keeps everything upstream of it exactly as it was.
   */
  reuse?: Readonly<Record<string, Readonly<Record<string, NodeTrace>>>>;
}

/**
 * How many examples a run keeps in progress: at least 64, and two per call the endpoint takes at
 * once. Starting every example at once queued each one's first call before any second one, so on
 * a long pass no example finished until most of the calls were made, and the studio's grid and the
 * CLI's progress got their rows all at the end. Each example in progress has at least one call
 * ready, so this many keep every request slot as busy as before while examples finish steadily.
 */
export function examplesInFlight(concurrency = 0): number {
  return Math.max(64, 2 * concurrency);
}

const PENDING = 0;
const RUNNING = 1;
const SETTLED = 2;

/** One example's progress through the plan; arrays are indexed by node position. */
interface ExampleRun {
  example: Example;
  traces: (NodeTrace | undefined)[];
  outputs: (string | undefined)[];
  /** Predecessors not yet settled, per node: the node fires when this reaches 0. */
  waiting: Int32Array;
  state: Uint8Array;
  settledCount: number;
  finishedTrace?: ExampleTrace;
}

/**
 * Runs `workflow` on every example and resolves with one trace per example, in the order of
 * `examples`. Each (example, node) starts the moment that example's predecessors of the node have
 * settled: there are no level-by-level barriers and no per-example serialisation. The examples
 * in progress ({@link examplesInFlight} of them, the next starting as one finishes) have all
 * their ready calls in flight, and the provider (`ctx.forwardModel`, wrapped in a concurrency
 * limit by the caller) decides how many really run. A node that fails is recorded as
 * `error`; its descendants in that example are `skipped` with a reason naming it; other examples
 * go on. Aborting `ctx.signal` rejects promptly with an `AbortError` and starts nothing new.
 */
export function runForward(ctx: RunContext, args: RunForwardArgs): Promise<ExampleTrace[]> {
  if (ctx.signal?.aborted) return Promise.reject(abortErrorOf(ctx.signal));
  let plan: ForwardPlan;
  try {
    assertUniqueIds(args.examples);
    plan = planForward(args.workflow);
  } catch (err) {
    return Promise.reject(err);
  }
  return executePlan(ctx, plan, args, ctx.codeRunner ?? createFunctionCodeRunner());
}

function executePlan(
  ctx: RunContext,
  plan: ForwardPlan,
  args: RunForwardArgs,
  codeRunner: CodeRunner,
): Promise<ExampleTrace[]> {
  const { workflow, examples, onEvent } = args;
  const prefix = args.callKeyPrefix ?? 'fwd';
  const codeTimeoutMs = args.codeTimeoutMs ?? DEFAULT_CODE_TIMEOUT_MS;
  const nodeCount = plan.nodes.length;
  const initialWaiting = Int32Array.from(plan.nodes, (p) => p.predecessorCount);
  const signal = ctx.signal;
  // The same for every node of every example: made once, not once a call.
  const code = { runner: codeRunner, timeoutMs: codeTimeoutMs, ...(signal ? { signal } : {}) };

  return new Promise<ExampleTrace[]>((resolve, reject) => {
    let done = false;
    const runs: ExampleRun[] = [];
    let started = 0;
    let finished = 0;
    let startNext = () => {};

    /** Ends the run once: `end` resolves or rejects it. */
    const finish = (end: () => void) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      end();
    };
    const stop = (err: unknown) => finish(() => reject(err));
    const onAbort = () => stop(abortErrorOf(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });

    const emit = (event: ForwardEvent) => {
      if (onEvent === undefined || done) return;
      try {
        onEvent(event);
      } catch (err) {
        stop(err);
      }
    };

    const finishExample = (run: ExampleRun) => {
      const nodes: Record<string, NodeTrace> = {};
      const outputs: Record<string, string> = {};
      plan.nodes.forEach((p, i) => {
        nodes[p.node.id] = run.traces[i]!;
        if (isAnswerNode(p.node) && run.outputs[i] !== undefined) outputs[p.node.id] = run.outputs[i]!;
      });
      run.finishedTrace = { exampleId: run.example.id, nodes, outputs };
      emit({ type: 'exampleFinished', exampleId: run.example.id, trace: run.finishedTrace });
      finished += 1;
      if (finished === runs.length) finish(() => resolve(runs.map((r) => r.finishedTrace!)));
      else startNext();
    };

    const record = (run: ExampleRun, index: number, trace: NodeTrace) => {
      run.traces[index] = trace;
      run.state[index] = SETTLED;
      run.settledCount += 1;
      if (trace.status === 'ok') run.outputs[index] = trace.output;
      emit({ type: 'nodeFinished', exampleId: run.example.id, nodeId: trace.nodeId, trace });
    };

    /** Marks every not-yet-settled descendant skipped: none of them can have started. */
    const skipDescendants = (run: ExampleRun, failed: number, reason: string) => {
      const stack = [...plan.nodes[failed]!.successors];
      while (stack.length > 0) {
        const i = stack.pop()!;
        if (run.state[i] !== PENDING) continue;
        const nodeId = plan.nodes[i]!.node.id;
        record(run, i, { nodeId, status: 'skipped', inputs: {}, error: reason });
        stack.push(...plan.nodes[i]!.successors);
      }
    };

    const settle = (run: ExampleRun, index: number, trace: NodeTrace) => {
      if (done || run.state[index] === SETTLED) return;
      record(run, index, trace);
      if (trace.status !== 'ok') {
        skipDescendants(run, index, `skipped because upstream node "${trace.nodeId}" failed: ${trace.error}`);
      }
      for (const next of plan.nodes[index]!.successors) {
        run.waiting[next]! -= 1;
        if (run.waiting[next] === 0 && run.state[next] === PENDING) start(run, next);
      }
      if (run.settledCount === nodeCount && run.finishedTrace === undefined) finishExample(run);
    };

    const start = (run: ExampleRun, index: number) => {
      if (done) return;
      const planned = plan.nodes[index]!;
      const node = planned.node;
      const example = run.example;
      run.state[index] = RUNNING;
      const forward = nodeKindOf(node).forward;
      const bind = () => bindInputs(planned, example, run.outputs);
      if (!forward.calls) return settle(run, index, forward.trace(node, { planned, example, bind }));
      const bound = bind();
      if (!bound.ok)
        return settle(run, index, { nodeId: node.id, status: 'error', inputs: {}, error: bound.error });
      const kept = args.reuse?.[example.id]?.[node.id];
      if (kept) return settle(run, index, kept);
      emit({ type: 'nodeStarted', exampleId: example.id, nodeId: node.id });
      if (done) return;
      const onPartial = args.stream
        ? (text: string) => {
            // A partial that arrives after the node settled (a late chunk) would undo its output.
            if (run.state[index] === RUNNING)
              emit({ type: 'nodePartial', exampleId: example.id, nodeId: node.id, text });
          }
        : undefined;
      const step = forward.run({
        ctx,
        workflow,
        node,
        inputs: bound.inputs,
        meta: {
          purpose: 'forward',
          nodeId: node.id,
          exampleId: example.id,
          callKey: `${prefix}/forward/${node.id}/${example.id}`,
        },
        ...(onPartial ? { onPartial } : {}),
        code,
      });
      step.then(
        (trace) => settle(run, index, trace),
        (err: unknown) => stop(signal?.aborted ? abortErrorOf(signal) : err),
      );
    };

    for (const example of examples) {
      runs.push({
        example,
        traces: new Array(nodeCount),
        outputs: new Array(nodeCount),
        waiting: initialWaiting.slice(),
        state: new Uint8Array(nodeCount),
        settledCount: 0,
      });
    }
    if (examples.length === 0) return finish(() => resolve([]));
    const window = examplesInFlight(ctx.forwardConcurrency);
    // The next example starts when one finishes (finishExample calls `startNext`). An example
    // without calls finishes inside `start`: the loop that is already running takes the next one,
    // so a long batch of them is a loop, not a recursion as deep as the batch.
    let starting = false;
    startNext = () => {
      if (starting) return;
      starting = true;
      while (!done && started < runs.length && started - finished < window) {
        const run = runs[started++]!;
        if (nodeCount === 0) finishExample(run);
        else for (const root of plan.roots) start(run, root);
      }
      starting = false;
    };
    startNext();
  });
}

/**
 * Example ids name call keys, and a response cache keyed by call key would hand one example's
 * answer to another that shares its id: refuse such a batch instead.
 */
function assertUniqueIds(examples: readonly Example[]): void {
  const seen = new Set<string>();
  for (const { id } of examples) {
    if (seen.has(id))
      throw new Error(`runForward: two examples have the id "${id}"; example ids must be unique`);
    seen.add(id);
  }
}
