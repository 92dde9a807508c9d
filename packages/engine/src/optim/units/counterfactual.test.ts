import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../../sim/src/index';
import type { SessionEvent, UpdateProposedEvent } from '../../protocol';
import type { ChatModel, ChatRequest } from '../../providers/types';
import { estimatePreflight } from '../budget';
import { counterfactualCalls } from '../call-counts';
import { Session, type SessionInit } from '../session';
import { resolveSettings, type SessionSettingsInput } from '../settings';
import { brokenFixtures } from '../test-support/fixtures';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
// extract -> total -> label; broken-1 broke `total`.
const chain = fixtures.find((f) => f.name === 'chain3-receipt/broken-1.workflow.json');

/** The simulator, recording the call key of every request it answers. */
function recordingSim(keys: string[], simulated = true): ChatModel {
  const sim = createSimulatedModel({ seed: 3 });
  return {
    ...sim,
    simulated,
    complete: (request: ChatRequest) => {
      if (request.meta?.callKey) keys.push(request.meta.callKey);
      return sim.complete(request);
    },
  };
}

async function run(settings: Partial<SessionSettingsInput>, simulated = true) {
  if (!chain) throw new Error('no chain3-receipt fixture');
  const keys: string[] = [];
  const init: SessionInit = {
    workflow: chain.workflow,
    train: chain.train,
    val: chain.val,
    settings: { algorithm: 'gtbp', iterations: 1, batchSize: 4, errorBatchSize: 2, seed: 1, ...settings },
  };
  const session = Session.create(
    { forwardModel: recordingSim(keys, simulated), optimizerModel: recordingSim(keys, simulated) },
    init,
  );
  const events: SessionEvent[] = [];
  while (!session.done) events.push(...(await session.step()));
  const proposals = events.filter((e): e is UpdateProposedEvent => e.type === 'updateProposed');
  return { keys, events, proposals, session };
}

describe('the counterfactual check of a proposal', () => {
  it('on the simulator ("auto"): the culprit’s update alone fixes its failing examples, upstream untouched', async () => {
    const { keys, proposals, events } = await run({});
    const culprit = proposals.find((p) => p.nodeId === 'total');
    if (!culprit?.counterfactual) throw new Error('the culprit was not checked');
    const loss = events.find((e) => e.type === 'lossComputed');
    if (loss?.type !== 'lossComputed') throw new Error('no loss');
    expect(culprit.counterfactual.checked.length).toBeGreaterThan(0);
    expect(culprit.counterfactual.checked.every((id) => loss.errorBatch.includes(id))).toBe(true);
    expect(culprit.counterfactual.fixed).toEqual(culprit.counterfactual.checked);
    // Only the culprit's downstream subgraph ran again: no call for `extract` under the check.
    const checkKeys = keys.filter((k) => k.startsWith('it1/cf/'));
    expect(checkKeys.length).toBeGreaterThan(0);
    expect(checkKeys.some((k) => k.includes('/forward/extract/'))).toBe(false);
    expect(checkKeys.some((k) => k.startsWith('it1/cf/total/forward/label/'))).toBe(true);
    // A proposal that changes nothing is not checked.
    for (const p of proposals)
      if (p.proposedPrompt === p.currentPrompt) expect(p.counterfactual).toBeUndefined();
  });

  it('costs calls: off by default against a real model, "on" turns it on, and the preflight counts them', async () => {
    const real = await run({}, false);
    expect(real.proposals.some((p) => p.counterfactual)).toBe(false);
    expect(real.keys.some((k) => k.includes('/cf/'))).toBe(false);
    const paid = await run({ counterfactual: 'on' }, false);
    expect(paid.proposals.some((p) => p.counterfactual)).toBe(true);
    const off = await run({ counterfactual: 'off' });
    expect(off.proposals.some((p) => p.counterfactual)).toBe(false);

    if (!chain) throw new Error('no chain3-receipt fixture');
    const settings = resolveSettings({ algorithm: 'gtbp', iterations: 3, batchSize: 4, errorBatchSize: 2 });
    const sizes = { train: chain.train.length, val: chain.val.length };
    const sim = estimatePreflight(settings, chain.workflow, sizes, { simulated: true });
    const realModel = estimatePreflight(settings, chain.workflow, sizes, { simulated: false });
    // Per trainable node v, b · (llm nodes in v's downstream subgraph): extract 3, total 2, label 1.
    expect(counterfactualCalls(chain.workflow, 'extract', 2)).toBe(6);
    expect(counterfactualCalls(chain.workflow, 'label', 2)).toBe(2);
    expect(sim.breakdown.counterfactual).toBe(3 * (6 + 4 + 2));
    expect(realModel.breakdown.counterfactual).toBe(0);
    expect(sim.calls - realModel.calls).toBe(sim.breakdown.counterfactual);
  });
});
