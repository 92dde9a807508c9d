import { useRef } from 'react';
import { modelLabel } from '../settings/provider-settings';
import { useStudio, useStudioStore } from '../store/react';
import { BTN, ExportMenu } from './ExportMenu';
import { importFiles } from './file-io';
import { useServices } from './services';

/** Top bar: product name, project name, file and project commands, model, theme. */
export function Header() {
  const store = useStudioStore();
  const { persistence } = useServices();
  const name = useStudio((s) => s.doc.name);
  const theme = useStudio((s) => s.theme);
  const forwardLabel = useStudio((s) => modelLabel(s.settings.forward));
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header className="flex h-11 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-base font-semibold tracking-tight">Backflow</h1>
      <span className="text-slate-300 dark:text-slate-600">/</span>
      <input
        aria-label="Workflow name"
        maxLength={200}
        className="w-72 rounded border border-transparent bg-transparent px-1.5 py-0.5 text-sm font-medium hover:border-slate-200 focus:border-sky-400 focus:outline-none dark:hover:border-slate-700"
        value={name}
        onChange={(e) => {
          const value = e.target.value;
          store.getState().changeDoc((d) => (value.trim() ? { ...d, name: value } : d));
        }}
        onFocus={() => store.getState().beginGesture()}
        onBlur={() => store.getState().endGesture()}
      />
      <nav className="ml-2 flex items-center gap-0.5">
        <button type="button" className={BTN} onClick={() => store.getState().setDialog('projects')}>
          Projects
        </button>
        <button type="button" className={BTN} onClick={() => store.getState().setDialog('gallery')}>
          Examples
        </button>
        <button
          type="button"
          className={BTN}
          onClick={() => store.getState().setDialog('experiments')}
          data-testid="experiments-button"
        >
          Experiments
        </button>
        <button type="button" className={BTN} onClick={() => fileInput.current?.click()}>
          Import
        </button>
        <ExportMenu />
        <input
          ref={fileInput}
          type="file"
          accept=".json,.jsonl,application/json"
          multiple
          className="hidden"
          data-testid="import-workflow-input"
          aria-label="Import a workflow file, or a CLI run's report.json (with its calls.jsonl)"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void importFiles(store, persistence, files);
          }}
        />
      </nav>
      <div className="flex-1" />
      <button
        type="button"
        className={`${BTN} max-w-64 truncate`}
        onClick={() => store.getState().setDialog('settings')}
        title="Model settings"
        data-testid="model-settings-button"
      >
        <span className="text-slate-500">Model:</span> {forwardLabel}
      </button>
      <button
        type="button"
        className={BTN}
        onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title="Toggle theme"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
