/**
 * GEPA's units of work inside the session's state machine (one unit per `step()`, each a
 * checkpoint). An iteration runs propose -> reflect -> check -> validate -> end:
 * - propose: a merge when one is due and a pair qualifies (no calls); otherwise draw a parent from
 *   the Pareto frontier, pick its next module (round-robin), and run the parent on the next
 *   training minibatch, keeping traces and scores (a minibatch it already aces ends the iteration);
 * - reflect: one reflection call rewrites the module's instruction from those traces and feedback;
 * - check: the child runs on the same minibatch (a merge: on a few Pareto examples) and is kept
 *   only if it beats its parent there (a merge: if it matches the better parent);
 * - validate: the kept child is scored on every Pareto example and joins the pool;
 * - end: the iteration is recorded; the run stops at its iteration, candidate or rollout limit.
 * Like every unit, each writes the state only after its last call.
 */

import type { Example } from '../../datasets/types';
import { gateAccepts, promptsOf, withPrompts } from '../../optim/gate';
import type { SessionState } from '../../optim/state';
import { eventBase, examplesByIds, iterationKey, type UnitEnv, type UnitEvents } from '../../optim/units/env';
import { type Evaluation, evaluate, meanScore } from '../../optim/units/evaluate';
import { baselineScored } from '../../optim/units/start';
import { stopEvents } from '../../optim/units/stop';
import { askStructured } from '../../prompts/ask';
import { promptAnswerSchema } from '../../prompts/task-parts';
import { createRng, shuffled } from '../../util/random';
import type { GepaCandidateView } from './events';
import { mergeSubsample, pairKey, planMerge } from './merge';
import { bestCandidate, frontierWeights, meanOf, paretoFrontier, selectParent } from './pareto';
import { buildGepaReflectPrompt } from './prompt';
import { reflectiveDataset } from './reflective-dataset';
import { gepaSettingsOf } from './settings';
import type { GepaCandidate, GepaState, GepaStep, GepaWork } from './state';

/** GEPA's unit per step. */
const UNITS: Record<GepaStep, (env: UnitEnv) => Promise<UnitEvents> | UnitEvents> = {
  seed: seedUnit,
  propose: proposeUnit,
  reflect: reflectUnit,
  check: checkUnit,
  validate: validateUnit,
  end: endUnit,
};

/** Runs GEPA's unit `step`. */
export function gepaUnit(env: UnitEnv, step: GepaStep): Promise<UnitEvents> {
  return Promise.resolve(UNITS[step](env));
}

/** GEPA's state of a session; a GEPA unit without it is a bug. */
export function gepaOf(state: SessionState): GepaState {
  if (!state.gepa) throw new Error('a GEPA unit ran in a session without GEPA state');
  return state.gepa;
}

function workOf(g: GepaState): GepaWork {
  if (!g.work) throw new Error('a GEPA unit ran outside an iteration');
  return g.work;
}

/** The examples candidates are scored on: the validation split, else the training split. */
export function paretoPool(state: SessionState) {
  return state.val.length > 0 ? state.val : state.train;
}

function candidateById(g: GepaState, id: number): GepaCandidate {
  const c = g.candidates.find((x) => x.id === id);
  if (!c) throw new Error(`GEPA candidate ${id} is not in the pool`);
  return c;
}

/** A candidate as events show it. */
export function candidateView(c: GepaCandidate): GepaCandidateView {
  const { mean, ...rest } = c;
  return {
    ...rest,
    prompts: { ...c.prompts },
    scores: [...c.scores],
    parents: [...c.parents],
    valScore: mean,
  };
}

/** Runs the workflow with `prompts` on `examples`, calls keyed by `key`. */
function evaluatePrompts(env: UnitEnv, prompts: Record<string, string>, examples: Example[], key: string) {
  return evaluate(env, withPrompts(env.state.workflow, prompts), examples, key);
}

/** A candidate scored on every Pareto example: it joins the pool as the next id. */
function addCandidate(
  g: GepaState,
  result: Evaluation,
  fields: Pick<GepaCandidate, 'parents' | 'origin' | 'iteration' | 'prompts'>,
): GepaCandidate {
  const candidate: GepaCandidate = {
    id: g.candidates.length,
    ...fields,
    scores: result.scores.map((s) => s.score),
    mean: result.mean,
  };
  g.candidates.push(candidate);
  g.rollouts += result.scores.length;
  return candidate;
}

/** Seed: score the starting prompts on every Pareto example; they are candidate 0. */
async function seedUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const g = gepaOf(state);
  const examples = examplesByIds(paretoPool(state), g.paretoIds);
  const prompts = promptsOf(state.workflow);
  const result = await evaluatePrompts(env, prompts, examples, 'base/val');
  g.candidates = [];
  const seed = addCandidate(g, result, { parents: [], origin: 'seed', iteration: 0, prompts });
  const events: UnitEvents = [baselineScored(state, result), candidateEvent(state, seed)];
  if (state.settings.earlyStop && result.mean >= 1) return [...events, ...stopEvents(state, 'earlyStop')];
  state.iteration = 1;
  state.phase = { kind: 'gepa', step: 'propose' };
  return events;
}

/** Propose: plan a merge, or select a parent and module and run the parent on a minibatch. */
async function proposeUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const g = gepaOf(state);
  const options = gepaSettingsOf(state.settings);
  const rng = createRng(state.rng);
  const weights = frontierWeights(g.candidates);
  if (options.merge && g.mergesDue > 0 && g.mergesTested < options.maxMerges) {
    const plan = planMerge(g.candidates, g.modules, g.triedMerges, rng);
    if (plan) {
      const [a, b] = plan.parents.map((id) => candidateById(g, id)) as [GepaCandidate, GepaCandidate];
      const positions = mergeSubsample(a, b, rng);
      const sub = (c: GepaCandidate) => meanOf(positions.map((i) => c.scores[i] ?? 0));
      g.work = {
        kind: 'merge',
        parents: [...plan.parents],
        ancestor: plan.ancestor,
        exampleIds: positions.map((i) => g.paretoIds[i] as string),
        traces: [],
        scores: [],
        parentScore: Math.max(sub(a), sub(b)),
        child: plan.child,
        childScore: null,
        accepted: false,
        added: null,
      };
      g.mergesDue -= 1;
      g.mergesTested += 1;
      g.triedMerges.push(pairKey(...plan.parents));
      state.rng = rng.state();
      state.phase = { kind: 'gepa', step: 'check' };
      return [selectedEvent(state, g.work, weights)];
    }
  }
  const parentId = selectParent(g.candidates, rng);
  const parent = candidateById(g, parentId);
  const turn = g.reflections[String(parentId)] ?? 0;
  const nodeId = g.modules[turn % g.modules.length] as string;
  const epoch = nextMinibatch(
    g,
    state.train.map((e) => e.id),
    state.settings.batchSize,
    rng,
  );
  const examples = examplesByIds(state.train, epoch.ids);
  const result = await evaluatePrompts(env, parent.prompts, examples, `${iterationKey(state)}/fwd`);
  g.epoch = epoch.next;
  g.reflections[String(parentId)] = turn + 1;
  g.rollouts += examples.length;
  state.rng = rng.state();
  g.work = {
    kind: 'reflection',
    parents: [parentId],
    nodeId,
    exampleIds: epoch.ids,
    traces: result.traces,
    scores: result.scores,
    parentScore: result.mean,
    child: null,
    childScore: null,
    accepted: false,
    added: null,
  };
  // GEPA skips a minibatch its parent already aces: there is nothing to reflect on.
  const perfect = result.scores.every((s) => s.score >= 1);
  state.phase = { kind: 'gepa', step: perfect ? 'end' : 'reflect' };
  return [
    selectedEvent(state, g.work, weights),
    { type: 'forwardDone', ...eventBase(state), exampleIds: epoch.ids, traces: result.traces },
    {
      type: 'lossComputed',
      ...eventBase(state),
      scores: result.scores,
      meanScore: result.mean,
      errorBatch: perfect ? [] : [...epoch.ids],
    },
  ];
}

/**
 * The next `size` training ids of the epoch (GEPA's epoch-shuffled batch sampler: every example is
 * drawn once per epoch); a new seeded order starts when the epoch runs out.
 */
function nextMinibatch(
  g: GepaState,
  trainIds: readonly string[],
  size: number,
  rng: ReturnType<typeof createRng>,
) {
  let { order, cursor } = g.epoch;
  const ids: string[] = [];
  const want = Math.min(size, trainIds.length);
  while (ids.length < want) {
    if (cursor >= order.length) {
      order = shuffled(rng, trainIds);
      cursor = 0;
    }
    const id = order[cursor++] as string;
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids, next: { order, cursor } };
}

/** Reflect: the reflection model rewrites the module's instruction from the parent's traces. */
async function reflectUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const g = gepaOf(state);
  const work = workOf(g);
  const nodeId = work.nodeId ?? '';
  const parent = candidateById(g, work.parents[0] ?? 0);
  const workflow = withPrompts(state.workflow, parent.prompts);
  const prompt = buildGepaReflectPrompt(reflectiveDataset(workflow, nodeId, work.traces, work.scores));
  const answer = await askStructured(env.ctx, prompt, promptAnswerSchema, {
    purpose: 'update',
    nodeId,
    callKey: `${iterationKey(state)}/reflect`,
  });
  if (!answer.ok) {
    state.phase = { kind: 'gepa', step: 'end' };
    return [
      { type: 'updateFailed', ...eventBase(state), nodeId, error: answer.error, callIds: answer.callIds },
    ];
  }
  const currentPrompt = parent.prompts[nodeId] ?? '';
  const proposedPrompt = answer.value.prompt;
  // An unchanged instruction is the parent itself: nothing to check.
  const changed = proposedPrompt.trim() !== currentPrompt.trim();
  work.child = changed ? { ...parent.prompts, [nodeId]: proposedPrompt } : null;
  state.phase = { kind: 'gepa', step: changed ? 'check' : 'end' };
  return [
    {
      type: 'updateProposed',
      ...eventBase(state),
      nodeId,
      currentPrompt,
      proposedPrompt,
      ...(answer.value.reasoning === undefined ? {} : { reasoning: answer.value.reasoning }),
      templateIds: [prompt.templateId],
      callIds: answer.callIds,
    },
  ];
}

/** Check: score the child where its parent was scored; keep it only if it does better. */
async function checkUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const g = gepaOf(state);
  const work = workOf(g);
  if (!work.child) throw new Error('GEPA check without a child');
  const merge = work.kind === 'merge';
  const pool = merge ? paretoPool(state) : state.train;
  const examples = examplesByIds(pool, work.exampleIds);
  const result = await evaluatePrompts(
    env,
    work.child,
    examples,
    `${iterationKey(state)}/${merge ? 'merge' : 'check'}`,
  );
  // A reflection must beat its parent on the minibatch; a merge must match the better parent.
  const policy = merge ? 'nonWorsening' : 'strict';
  const accepted = gateAccepts(policy, work.parentScore, result.mean);
  work.childScore = result.mean;
  work.accepted = accepted;
  g.rollouts += work.exampleIds.length;
  const base = candidateById(g, work.parents[0] ?? 0);
  const nodeIds = changedNodes(base.prompts, work.child, g.modules);
  state.phase = { kind: 'gepa', step: accepted ? 'validate' : 'end' };
  // A kept child only joins the pool: the prompts in force stay the best candidate's until its
  // validation says otherwise (then `gepaCandidate` names it the best).
  const inForce = promptsOf(state.workflow);
  return [
    {
      type: 'gateDecided',
      ...eventBase(state),
      policy,
      scope: 'full',
      on: merge ? 'validation' : 'minibatch',
      nodeIds,
      before: work.parentScore,
      after: result.mean,
      accepted,
      prompts: Object.fromEntries(nodeIds.map((id) => [id, inForce[id] ?? ''])),
    },
  ];
}

/** Validate: score the kept child on every Pareto example and add it to the pool. */
async function validateUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const g = gepaOf(state);
  const work = workOf(g);
  if (!work.child) throw new Error('GEPA validation without a child');
  const examples = examplesByIds(paretoPool(state), g.paretoIds);
  const result = await evaluatePrompts(env, work.child, examples, `${iterationKey(state)}/val`);
  const child = addCandidate(g, result, {
    parents: [...work.parents],
    origin: work.kind,
    iteration: state.iteration,
    prompts: { ...work.child },
  });
  work.added = child.id;
  const options = gepaSettingsOf(state.settings);
  // Every accepted reflection schedules one merge, while merges remain (the reference's merges_due).
  if (work.kind === 'reflection' && options.merge && g.mergesTested + g.mergesDue < options.maxMerges)
    g.mergesDue += 1;
  adoptBest(state, g);
  state.phase = { kind: 'gepa', step: 'end' };
  return [candidateEvent(state, child)];
}

/** The workflow in force is always the pool's best candidate (what GEPA returns). */
function adoptBest(state: SessionState, g: GepaState): void {
  const best = bestCandidate(g.candidates);
  const now = promptsOf(state.workflow);
  if (Object.entries(best.prompts).some(([id, p]) => now[id] !== p)) {
    state.workflow = withPrompts(state.workflow, best.prompts);
    state.revision += 1;
  }
  state.valScore = { revision: state.revision, score: best.mean };
}

/** End: record the iteration, then stop or move on. */
function endUnit(env: UnitEnv): UnitEvents {
  const { state } = env;
  const g = gepaOf(state);
  const work = workOf(g);
  const options = gepaSettingsOf(state.settings);
  const base = candidateById(g, work.parents[0] ?? 0);
  const valScore = state.valScore?.score;
  const summary = {
    iteration: state.iteration,
    trainScore: work.kind === 'reflection' ? meanScore(work.scores) : work.parentScore,
    ...(valScore === undefined ? {} : { valScore }),
    acceptedNodes: work.accepted && work.child ? changedNodes(base.prompts, work.child, g.modules) : [],
    prompts: promptsOf(state.workflow),
    totals: { ...state.totals },
  };
  state.history.push(summary);
  const events: UnitEvents = [{ type: 'iterationDone', ...eventBase(state), ...summary }];
  g.work = null;
  if (state.settings.earlyStop && valScore !== undefined && valScore >= 1)
    return [...events, ...stopEvents(state, 'earlyStop')];
  const spent =
    state.iteration >= state.settings.iterations ||
    g.candidates.length >= options.maxCandidates ||
    (options.maxRollouts !== undefined && g.rollouts >= options.maxRollouts);
  if (spent) return [...events, ...stopEvents(state, 'completed')];
  state.iteration += 1;
  state.phase = { kind: 'gepa', step: 'propose' };
  return events;
}

/** Modules whose prompt differs between two assignments. */
function changedNodes(a: Record<string, string>, b: Record<string, string>, modules: readonly string[]) {
  return modules.filter((id) => a[id] !== b[id]);
}

function selectedEvent(
  state: SessionState,
  work: GepaWork,
  weights: Record<number, number>,
): UnitEvents[number] {
  return {
    type: 'gepaSelected',
    ...eventBase(state),
    kind: work.kind,
    parents: [...work.parents],
    ...(work.nodeId === undefined ? {} : { nodeId: work.nodeId }),
    ...(work.ancestor === undefined ? {} : { ancestor: work.ancestor }),
    exampleIds: [...work.exampleIds],
    weights: { ...weights },
  };
}

function candidateEvent(state: SessionState, candidate: GepaCandidate): UnitEvents[number] {
  const g = gepaOf(state);
  return {
    type: 'gepaCandidate',
    ...eventBase(state, candidate.iteration),
    candidate: candidateView(candidate),
    paretoIds: [...g.paretoIds],
    frontier: paretoFrontier(g.candidates),
    best: bestCandidate(g.candidates).id,
  };
}
