import { promptsOf, type SessionEvent, type UpdateProposedEvent, type Workflow } from '@backflow/engine';
import { eventsOfType } from './events';

/** One version of a node's system prompt. */
export interface PromptVersion {
  /** 0 for the prompt the run started with, then 1, 2, ... per accepted change. */
  version: number;
  /** Iteration in which it came into force (0 for the initial prompt). */
  iteration: number;
  prompt: string;
  /** initial; accepted as proposed; accepted after a person's edit. */
  source: 'initial' | 'proposed' | 'edited';
  /** Gate scores that let it in, when the gate scored. */
  before?: number;
  after?: number;
}

/** A proposal and what became of it, for the PromptDiff panel. */
export interface ProposalView {
  nodeId: string;
  iteration: number;
  currentPrompt: string;
  proposedPrompt: string;
  reasoning?: string;
  critique?: { pros: string[]; cons: string[] };
  claimEdits?: UpdateProposedEvent['claimEdits'];
  /** Whether this proposal alone fixed its node's failing examples (when the check ran). */
  counterfactual?: UpdateProposedEvent['counterfactual'];
  callIds: string[];
  /** The person's decision, when taken; `reason` when the session decided on its own (e.g. unchanged). */
  decision?: { action: 'accept' | 'reject' | 'edit'; prompt?: string; reason?: string };
  /** The gate's verdict, once it ran over this node. */
  gate?: { accepted: boolean; policy: string; on: string; before?: number; after?: number };
  /** True while the session waits for a person's decision on it. */
  awaitingDecision: boolean;
}

/**
 * Every node's prompt versions over the run, oldest first. The initial prompt comes from
 * `initialWorkflow` when given, else from the first proposal's `currentPrompt` for that node.
 * A version is added whenever a gate decision puts a different prompt in force (GEPA: whenever a
 * new candidate becomes the pool's best).
 */
export function promptVersions(
  events: readonly SessionEvent[],
  initialWorkflow?: Workflow,
): Record<string, PromptVersion[]> {
  const out: Record<string, PromptVersion[]> = {};
  const start = (nodeId: string, prompt: string) => {
    if (!out[nodeId]) out[nodeId] = [{ version: 0, iteration: 0, prompt, source: 'initial' }];
  };
  if (initialWorkflow) for (const [id, p] of Object.entries(promptsOf(initialWorkflow))) start(id, p);
  const edited = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'updateProposed') start(e.nodeId, e.currentPrompt);
    if (e.type === 'updateDecided' && e.decision.action === 'edit' && e.decision.prompt !== undefined)
      edited.set(`${e.iteration}/${e.nodeId}`, e.decision.prompt);
    // GEPA: the prompts in force change when a new candidate becomes the best of the pool.
    const gepaBest = e.type === 'gepaCandidate' && e.best === e.candidate.id ? e.candidate : null;
    if (gepaBest) {
      for (const [nodeId, prompt] of Object.entries(gepaBest.prompts)) {
        const list = out[nodeId];
        if (list && list.at(-1)?.prompt !== prompt)
          list.push({
            version: list.length,
            iteration: e.iteration,
            prompt,
            source: 'proposed',
            after: gepaBest.valScore,
          });
      }
    }
    if (e.type !== 'gateDecided' || !e.accepted) continue;
    for (const [nodeId, prompt] of Object.entries(e.prompts)) {
      const list = out[nodeId];
      if (!list) continue;
      const last = list.at(-1);
      if (last && last.prompt === prompt) continue;
      list.push({
        version: list.length,
        iteration: e.iteration,
        prompt,
        source: edited.get(`${e.iteration}/${nodeId}`) === prompt ? 'edited' : 'proposed',
        ...(e.before === undefined ? {} : { before: e.before }),
        ...(e.after === undefined ? {} : { after: e.after }),
      });
    }
  }
  return out;
}

/** The prompt each node has at the end of its versions (the run's final prompts). */
export function finalPromptsOf(
  versions: Readonly<Record<string, readonly PromptVersion[]>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [nodeId, list] of Object.entries(versions)) {
    const last = list.at(-1);
    if (last) out[nodeId] = last.prompt;
  }
  return out;
}

/** The proposals of one iteration with their decisions and gate verdicts, in proposal order. */
export function proposalsOf(events: readonly SessionEvent[], iteration: number): ProposalView[] {
  const inIteration = events.filter((e) => e.iteration === iteration);
  const awaiting = new Set(eventsOfType(inIteration, 'awaitingDecisions').at(-1)?.nodeIds ?? []);
  const views = new Map<string, ProposalView>();
  for (const e of inIteration) {
    if (e.type === 'updateProposed') {
      views.set(e.nodeId, {
        nodeId: e.nodeId,
        iteration,
        currentPrompt: e.currentPrompt,
        proposedPrompt: e.proposedPrompt,
        ...(e.reasoning === undefined ? {} : { reasoning: e.reasoning }),
        ...(e.critique === undefined ? {} : { critique: e.critique }),
        ...(e.claimEdits === undefined ? {} : { claimEdits: e.claimEdits }),
        ...(e.counterfactual === undefined ? {} : { counterfactual: e.counterfactual }),
        callIds: e.callIds,
        awaitingDecision: false,
      });
    } else if (e.type === 'updateDecided') {
      const v = views.get(e.nodeId);
      if (v) v.decision = e.reason === undefined ? e.decision : { ...e.decision, reason: e.reason };
    } else if (e.type === 'gateDecided') {
      for (const nodeId of e.nodeIds) {
        const v = views.get(nodeId);
        if (!v) continue;
        v.gate = {
          accepted: e.accepted,
          policy: e.policy,
          on: e.on,
          ...(e.before === undefined ? {} : { before: e.before }),
          ...(e.after === undefined ? {} : { after: e.after }),
        };
      }
    }
  }
  for (const v of views.values()) v.awaitingDecision = awaiting.has(v.nodeId) && !v.decision && !v.gate;
  return [...views.values()];
}
