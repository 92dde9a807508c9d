import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from '../canvas/Canvas';
import { BlameLegend, OptimizeProvider, ResumeBanner } from '../optimize';
import { useStudio, useStudioStore } from '../store/react';
import { problemsOf, selectDialog, selectPanel } from '../store/selectors';
import type { StudioState } from '../store/studio-state';
import type { SidePanel } from '../store/ui-slice';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ProblemsPanel } from '../ui/ProblemsPanel';
import { ShortcutsDialog } from '../ui/ShortcutsDialog';
import { Toasts } from '../ui/Toasts';
import { Header } from './Header';
import { ProjectsDialog } from './ProjectsDialog';
import { readPanel, writePanel } from './session';

// Heavy panels load on first use so the first paint ships only the canvas.
const Inspector = lazy(() => import('../inspector/Inspector'));
const DatasetPanel = lazy(() => import('../datasets/DatasetPanel'));
const RunPanel = lazy(() => import('../run/RunPanel'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));
const GalleryDialog = lazy(() => import('../gallery/GalleryDialog'));
const ExperimentsDialog = lazy(() => import('../experiments/ExperimentsDialog'));
const OptimizePanel = lazy(() => import('../optimize/OptimizePanel'));
const ImportedRunDialog = lazy(() => import('./ImportedRunDialog'));

// An empty canvas has nothing to fix yet ("no input", "no output" are its starting point).
const selectProblemCount = (s: StudioState) =>
  s.doc.nodes.length === 0 ? 0 : problemsOf(s.doc).problems.length;
const TABS: { id: SidePanel; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'problems', label: 'Problems' },
  { id: 'dataset', label: 'Dataset' },
  { id: 'run', label: 'Run' },
  { id: 'optimize', label: 'Optimize' },
];

/** The studio's frame: header on top, canvas in the middle, panels on the right, dialogs above. */
export function App() {
  const theme = useStudio((s) => s.theme);
  const name = useStudio((s) => s.doc.name);
  useEffect(() => {
    document.title = `${name} · Backflow`;
  }, [name]);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  return (
    <ErrorBoundary area="The studio">
      <ReactFlowProvider>
        <OptimizeProvider>
          <div className="flex h-full flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
            <Header />
            <main className="flex min-h-0 flex-1">
              <section className="relative min-w-0 flex-1" data-testid="canvas" aria-label="Workflow canvas">
                <ErrorBoundary area="The canvas">
                  <Canvas />
                  <ResumeBanner />
                  <BlameLegend />
                </ErrorBoundary>
              </section>
              <SidePanels />
            </main>
            <Dialogs />
            <Toasts />
          </div>
        </OptimizeProvider>
      </ReactFlowProvider>
    </ErrorBoundary>
  );
}

function SidePanels() {
  const panel = useStudio(selectPanel);
  const problemCount = useStudio(selectProblemCount);
  const store = useStudioStore();
  useEffect(() => {
    const saved = readPanel(sessionStorage);
    if (saved) store.getState().setPanel(saved);
  }, [store]);
  useEffect(() => writePanel(sessionStorage, panel), [panel]);
  return (
    <aside
      className="flex w-[400px] shrink-0 flex-col border-l border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="panels"
      aria-label="Panels"
    >
      <div role="tablist" className="flex border-b border-slate-200 px-1 dark:border-slate-800">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls="side-panel"
            aria-selected={panel === t.id}
            onClick={() => store.getState().setPanel(t.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-xs font-medium ${
              panel === t.id
                ? 'border-sky-500 text-sky-700 dark:text-sky-300'
                : 'border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200'
            }`}
          >
            {t.label}
            {t.id === 'problems' && problemCount > 0 && (
              <span className="ml-1 rounded-full bg-slate-200 px-1.5 text-[10px] dark:bg-slate-700">
                {problemCount}
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        className="min-h-0 flex-1 overflow-y-auto overflow-x-hidden"
        role="tabpanel"
        id="side-panel"
        aria-labelledby={`tab-${panel}`}
      >
        <ErrorBoundary key={panel} area="This panel">
          <Suspense fallback={<p className="p-3 text-slate-400">Loading…</p>}>
            {panel === 'inspector' && <Inspector />}
            {panel === 'problems' && <ProblemsPanel />}
            {panel === 'dataset' && <DatasetPanel />}
            {panel === 'run' && <RunPanel />}
            {panel === 'optimize' && <OptimizePanel />}
          </Suspense>
        </ErrorBoundary>
      </div>
    </aside>
  );
}

function Dialogs() {
  const dialog = useStudio(selectDialog);
  const store = useStudioStore();
  const close = () => store.getState().setDialog(null);
  return (
    <ErrorBoundary key={dialog ?? ''} area="This dialog">
      <Suspense fallback={null}>
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={close} />}
        {dialog === 'projects' && <ProjectsDialog onClose={close} />}
        {dialog === 'settings' && <SettingsDialog onClose={close} />}
        {dialog === 'gallery' && <GalleryDialog onClose={close} />}
        {dialog === 'experiments' && <ExperimentsDialog onClose={close} />}
        {dialog === 'imported-run' && <ImportedRunDialog onClose={close} />}
      </Suspense>
    </ErrorBoundary>
  );
}
