/**
 * The Optimize panel (lazy): settings with the preflight, Start, the run controls, the run's
 * message (budget stop, errors), proposals waiting for a decision, and the run views of the
 * selected node and the whole run. While a stored run is shown (opened from the history) the same
 * views show it read-only under its header, in place of the settings and the controls.
 */
import { type Example, pricesOf, withPrompts } from '@backflow/engine';
import { type Dispatch, type SetStateAction, useEffect, useMemo, useState } from 'react';
import { getProject } from '../persistence/projects';
import {
  BackwardTabForRun,
  CallLog,
  ExportRunButtons,
  FinalPrompts,
  MetricCurves,
  metricSeries,
  PromptDiff,
  promptVersions,
  proposalsOf,
  type RunReportContext,
  type StudioRunFacts,
  VersionTimeline,
} from '../run-views';
import { useServices } from '../shell/services';
import { useStudio, useStudioStore } from '../store/react';
import { useOptimize, useOptimizeDriver } from './context';
import {
  datasetSplitOf,
  defaultForm,
  heldOutTestOf,
  type OptimizeForm,
  preflightOf,
  providerOf,
} from './form';
import { formForProject, formOfRecipe } from './form-of-session';
import { GepaPoolSection } from './GepaPoolSection';
import { heldOutTestLine, heldOutTestState } from './held-out-test';
import { OptimizeFormView, PreflightView } from './OptimizeForm';
import { OPEN_STATUSES, type StoredRunInfo } from './optimize-state';
import { RUN_SHORTCUTS, RunControls } from './RunControls';
import { RunHistorySection } from './RunHistorySection';
import { readRecipeDefaults } from './recipe-defaults';
import { StoredRunHeader } from './StoredRunHeader';
import { useTokenRange } from './use-token-range';

/** The panel. */
export default function OptimizePanel() {
  const driver = useOptimizeDriver();
  const [form, setForm] = useState<OptimizeForm>(() => defaultForm('gtbp'));
  const doc = useStudio((s) => s.doc);
  const dataset = useStudio((s) => s.dataset);
  const settings = useStudio((s) => s.settings);
  const status = useOptimize((s) => s.status);
  const message = useOptimize((s) => s.message);
  const storedShown = useOptimize((s) => s.stored !== null);
  const runOpen = OPEN_STATUSES.includes(status);
  const runForm = useOptimize((s) => s.form);
  // A run shows its own settings (a resumed one too); the form keeps them for the next run.
  useEffect(() => {
    if (runForm) setForm(runForm);
  }, [runForm]);
  useProjectForm(doc.id, runForm, setForm);
  const provider = useMemo(() => providerOf(settings, form.models), [settings, form.models]);
  const prices = useMemo(() => pricesOf(provider), [provider]);
  // The session counts as simulated when both models are ("auto" turns the check on then).
  const simulated = provider.forward.kind === 'simulated' && provider.optimizer.kind === 'simulated';
  const split = useMemo(() => datasetSplitOf(dataset?.examples ?? [], form), [dataset, form]);
  const preflight = useMemo(
    () => preflightOf(doc, split, form, prices, simulated),
    [doc, split, form, prices, simulated],
  );
  const examples = useMemo(() => dataset?.examples ?? [], [dataset]);
  const range = useTokenRange('estimate' in preflight ? preflight.estimate : null, doc, examples, prices);
  return (
    <div className="flex flex-col gap-3 p-3" data-testid="optimize-panel">
      {storedShown ? (
        <>
          <StoredRunHeader />
          <HeldOutTestNote examples={examples} />
        </>
      ) : (
        <>
          <OptimizeFormView form={form} onChange={setForm} disabled={runOpen} split={split} />
          <PreflightView preflight={preflight} form={form} range={range} />
          <button
            type="button"
            className="rounded bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-800 disabled:opacity-40"
            disabled={runOpen || !dataset}
            onClick={() => void driver.start(form)}
          >
            {dataset ? 'Start optimization' : 'Start optimization (add a dataset first)'}
          </button>
          <RunControls />
          <HeldOutTestNote examples={examples} />
        </>
      )}
      {message && !storedShown && (
        <p
          role="status"
          data-testid="optimize-message"
          className={`rounded p-2 text-xs ${status === 'budget' || status === 'error' || status === 'aborted' ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : 'bg-slate-100 dark:bg-slate-800'}`}
        >
          {message}
        </p>
      )}
      <Proposals />
      <GepaPoolSection />
      <SelectedNodeBackward />
      <RunViews />
      <RunHistorySection />
      <details className="text-[11px] text-slate-500">
        <summary>Keyboard shortcuts</summary>
        <ul>
          {RUN_SHORTCUTS.map((s) => (
            <li key={s.keys}>
              <kbd>{s.keys}</kbd> {s.label}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/**
 * The form fits the opened project: opened (or switched to) without a run shown, a recipe project's
 * form starts from the recipe's settings and paper models stored with the project (read back
 * through their contract), and any other project's drops a recipe carried over; a run's own form
 * gets its project's recipe back (`formForProject`).
 */
function useProjectForm(
  workflowId: string,
  runForm: OptimizeForm | null,
  setForm: Dispatch<SetStateAction<OptimizeForm>>,
) {
  const { persistence } = useServices();
  useEffect(() => {
    let current = true;
    void getProject(persistence.db, workflowId).then((row) => {
      if (!current) return;
      const defaults = readRecipeDefaults(row?.recipe);
      if (runForm) setForm(formForProject(runForm, defaults));
      else setForm((form) => (defaults ? formOfRecipe(defaults) : formForProject(form, null)));
    });
    return () => {
      current = false;
    };
  }, [persistence, workflowId, runForm, setForm]);
}

/** The held-out test split: how many examples before the run, then its score at the end. */
function HeldOutTestNote({ examples }: { examples: readonly Example[] }) {
  const runTest = useOptimize((s) => s.test);
  const runId = useOptimize((s) => s.runId);
  const test = runId ? runTest : heldOutTestState(heldOutTestOf(examples));
  if (!test) return null;
  return (
    <p
      data-testid="test-score"
      data-status={test.status}
      className={`rounded p-2 text-xs ${test.status === 'scored' ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' : test.status === 'failed' ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}
    >
      {heldOutTestLine(test)}
    </p>
  );
}

function Proposals() {
  const driver = useOptimizeDriver();
  const events = useOptimize((s) => s.events);
  const iteration = useOptimize((s) => s.iteration);
  const readOnly = useOptimize((s) => s.stored !== null);
  const proposals = useMemo(() => proposalsOf(events, iteration), [events, iteration]);
  if (proposals.length === 0) return null;
  return (
    <section className="flex flex-col gap-2" aria-label="Proposed updates" data-testid="proposals">
      <h3 className="text-xs font-semibold">Proposed updates (iteration {iteration})</h3>
      {proposals.map((p) => (
        <PromptDiff
          key={p.nodeId}
          proposal={p}
          {...(p.awaitingDecision && !readOnly
            ? {
                onAccept: (nodeId: string) => driver.decide(nodeId, { action: 'accept' }),
                onReject: (nodeId: string) => driver.decide(nodeId, { action: 'reject' }),
                onEditAccept: (nodeId: string, prompt: string) =>
                  driver.decide(nodeId, { action: 'edit', prompt }),
              }
            : {})}
        />
      ))}
    </section>
  );
}

function SelectedNodeBackward() {
  const store = useStudioStore();
  const nodeId = useStudio((s) => s.selectedNodeIds[0]);
  const events = useOptimize((s) => s.events);
  const calls = useOptimize((s) => s.calls);
  const iteration = useOptimize((s) => s.iteration);
  const before = useOptimize((s) => s.workflowBefore);
  const readOnly = useOptimize((s) => s.stored !== null);
  const versions = useMemo(() => promptVersions(events, before ?? undefined), [events, before]);
  if (!nodeId || events.length === 0) return null;
  const nodeVersions = versions[nodeId];
  return (
    <section aria-label="Backward" data-testid="optimize-backward">
      <h3 className="mb-1 text-xs font-semibold">Backward · {nodeId}</h3>
      <BackwardTabForRun events={events} calls={calls} nodeId={nodeId} iteration={Math.max(1, iteration)} />
      {nodeVersions && (
        <VersionTimeline
          nodeId={nodeId}
          versions={nodeVersions}
          // Reverting is one undoable step, like accepting (a stored run only shows its versions).
          {...(readOnly
            ? {}
            : {
                onRevert: (id: string, version: { prompt: string }) =>
                  store.getState().changeDoc((d) => withPrompts(d, { [id]: version.prompt })),
              })}
        />
      )}
    </section>
  );
}

function RunViews() {
  const events = useOptimize((s) => s.events);
  const calls = useOptimize((s) => s.calls);
  const runId = useOptimize((s) => s.runId);
  const before = useOptimize((s) => s.workflowBefore);
  const stored = useOptimize((s) => s.stored);
  const doc = useStudio((s) => s.doc);
  // A live run's result is in the open document; a stored run's is its own start plus its prompts.
  const after = stored ? stored.workflowAfter : doc;
  const series = useMemo(() => metricSeries(events, calls), [events, calls]);
  const versions = useMemo(() => promptVersions(events, before ?? undefined), [events, before]);
  const facts = useOptimize((s) => s.facts);
  const context = useMemo(() => (facts ? reportContext(facts, stored) : null), [facts, stored]);
  if (!runId || events.length === 0) return null;
  return (
    // Keyed so that a stored run opens with its views unfolded and the live run keeps its fold.
    <details key={stored ? 'stored' : 'live'} open={stored !== null} className="flex flex-col gap-2">
      <summary className="text-xs font-semibold">Curves, calls, final prompts and export</summary>
      <MetricCurves runs={[{ label: stored ? stored.label : 'This run', series }]} height={160} />
      <CallLog calls={calls} height={240} />
      <FinalPrompts versions={versions} />
      {before && after && context ? (
        <ExportRunButtons
          events={events}
          calls={calls}
          workflowBefore={before}
          workflowAfter={after}
          fileStem={runId}
          context={context}
        />
      ) : (
        <p className="text-[11px] text-slate-500">
          No report to export: the run has no stored checkpoint, so its settings are unknown.
        </p>
      )}
    </details>
  );
}

/** What a run's report knows beyond its events: its facts, and a stored run's end. */
function reportContext(facts: StudioRunFacts, stored: StoredRunInfo | null): RunReportContext {
  return {
    facts,
    ...(stored && stored.ending !== 'stopped' && stored.endedAt !== null
      ? { finishedAt: new Date(stored.endedAt).toISOString() }
      : {}),
  };
}
