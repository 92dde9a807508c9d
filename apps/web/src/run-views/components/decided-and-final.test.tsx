import { UNCHANGED_REASON } from '@backflow/engine';
import { renderToStaticMarkup } from 'react-dom/server';
import { finalPromptsOf, promptVersions, proposalsOf } from '../derive/prompt-versions';
import { runSummary } from '../derive/summary';
import { fixtureFiles } from '../test-support/fixture-files';
import { type RecordedRun, recordRun } from '../test-support/run-fixture';
import { FinalPrompts } from './FinalPrompts';
import { PromptDiff, UNCHANGED_NOT_GATED } from './PromptDiff';
import { RunHistory } from './RunHistory';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordRun(fixtureFiles('chain3-receipt'), {
    algorithm: 'gtbp',
    iterations: 2,
    batchSize: 4,
    seed: 1,
    pauseForDecisions: true,
  });
});

describe('a proposal the session decided itself (step mode, unchanged prompt)', () => {
  it('says why instead of offering Accept / Reject, while the others still wait', () => {
    // On the simulator only the culprit's proposal changes its prompt: the session decided the
    // others itself, and stopped for the culprit alone.
    const waiting = run.events.findLast((e) => e.type === 'awaitingDecisions');
    if (waiting?.type !== 'awaitingDecisions') throw new Error('the run did not wait');
    expect(waiting.nodeIds).toEqual(['total']);
    const views = proposalsOf(run.events, waiting.iteration);
    const unchanged = views.find((v) => v.nodeId === 'extract');
    if (!unchanged) throw new Error('no proposal for extract');
    expect(unchanged.proposedPrompt).toBe(unchanged.currentPrompt);
    expect(unchanged.decision).toEqual({ action: 'accept', reason: UNCHANGED_REASON });
    expect(unchanged.awaitingDecision).toBe(false);
    const html = renderToStaticMarkup(<PromptDiff proposal={unchanged} plain />);
    expect(html).toContain(UNCHANGED_REASON);
    expect(html).not.toContain('accepted by you');
    expect(html).not.toContain('the gate has not run yet');
    expect(html).not.toContain('>Accept<');
    const culprit = views.find((v) => v.nodeId === 'total');
    if (!culprit) throw new Error('no proposal for total');
    expect(culprit.awaitingDecision).toBe(true);
    const live = renderToStaticMarkup(
      <PromptDiff proposal={culprit} onAccept={() => {}} onReject={() => {}} onEditAccept={() => {}} plain />,
    );
    expect(live).toContain('>Accept<');
    // Without callbacks (a stored run) the same card is read-only.
    const stored = renderToStaticMarkup(<PromptDiff proposal={culprit} plain />);
    expect(stored).not.toContain('>Accept<');
    expect(stored).toContain('waiting for your decision');
  });
});

describe('an unchanged proposal outside step mode', () => {
  it('says there is nothing to gate, not that the gate has yet to run', async () => {
    const played = await recordRun(fixtureFiles('chain3-receipt'), {
      algorithm: 'gtbp',
      iterations: 1,
      batchSize: 4,
      seed: 1,
    });
    const proposed = played.events.find((e) => e.type === 'updateProposed');
    if (!proposed) throw new Error('the run proposed nothing');
    const views = proposalsOf(played.events, proposed.iteration);
    const unchanged = views.find((v) => v.nodeId === 'extract');
    const changed = views.find((v) => v.nodeId === 'total');
    if (!unchanged || !changed) throw new Error('missing proposals');
    expect(unchanged.proposedPrompt).toBe(unchanged.currentPrompt);
    expect([unchanged.decision, unchanged.gate]).toEqual([undefined, undefined]);
    const html = renderToStaticMarkup(<PromptDiff proposal={unchanged} plain />);
    expect(html).toContain(UNCHANGED_NOT_GATED);
    expect(html).not.toContain('the gate has not run yet');
    // The changed proposal went through the gate and shows its verdict.
    expect(changed.gate).toBeDefined();
    expect(renderToStaticMarkup(<PromptDiff proposal={changed} plain />)).toContain('gate ');
  });
});

describe('FinalPrompts', () => {
  it("shows each node's final prompt and, where it changed, the diff from the start", async () => {
    const done = await recordRun(fixtureFiles('chain3-receipt'), {
      algorithm: 'gtbp',
      iterations: 2,
      seed: 1,
    });
    const versions = promptVersions(done.events, done.workflowBefore);
    const final = finalPromptsOf(versions);
    expect(final).toEqual(runSummary(done.events, done.calls).prompts);
    const html = renderToStaticMarkup(<FinalPrompts versions={versions} plain />);
    const llm = done.workflowBefore.nodes.filter((n) => n.kind === 'llm');
    expect(html.match(/data-testid="final-prompt"/g)).toHaveLength(llm.length);
    const changed = llm.filter((n) => n.kind === 'llm' && final[n.id] !== n.systemPrompt);
    expect(changed.length).toBeGreaterThan(0);
    expect(html.match(/data-testid="text-diff"/g)).toHaveLength(changed.length);
    expect(html.match(/>unchanged</g)).toHaveLength(llm.length - changed.length);
    for (const text of Object.values(final)) expect(html).toContain(text.replaceAll("'", '&#x27;'));
  });
});

describe('RunHistory', () => {
  it('offers Open on every run but the one shown', () => {
    const summary = runSummary(run.events, run.calls);
    const html = renderToStaticMarkup(
      <RunHistory
        runs={[
          { runId: 'a', label: 'GTBP · a', startedAt: 2, summary },
          { runId: 'b', label: 'GTBP · b', startedAt: 1, summary },
        ]}
        activeRunId="a"
        onOpen={() => {}}
      />,
    );
    expect(html.match(/>Open</g)).toHaveLength(1);
    expect(html).toContain('aria-label="Open GTBP · b"');
    expect(html).toContain('>shown<');
  });

  it('says each status in words (no camelCase name on screen) and keeps the name on its own line', () => {
    const summary = runSummary(run.events, run.calls);
    for (const status of ['earlyStop', 'awaitingDecisions', 'notStarted', 'budgetExhausted'] as const) {
      const html = renderToStaticMarkup(
        <RunHistory
          runs={[{ runId: 'a', label: 'GTBP · 10:32:05', startedAt: 1, summary: { ...summary, status } }]}
        />,
      );
      expect(html).toContain(`data-status="${status}"`);
      expect(html.replace(/data-status="[^"]*"/g, '')).not.toContain(status);
      expect(html).toMatch(/class="truncate font-medium"[^>]*>GTBP · 10:32:05</);
    }
  });
});
