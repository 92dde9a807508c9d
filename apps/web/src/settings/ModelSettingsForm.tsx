import { endpointProblems, getPreset, guessPreset } from '@backflow/engine';
import { useEffect, useRef, useState } from 'react';
import { type ConnectionCheck, testConnection } from '../engine-adapters/models';
import { Field, INPUT, NumberField, TextField } from '../inspector/fields';
import {
  DEFAULT_TIMEOUT_SECONDS,
  type ModelSettings,
  PRESETS,
  type PresetId,
  SIMULATED_LABEL,
  withPreset,
} from './provider-settings';

/**
 * Tests `settings`: the simulator in this tab (no network), an endpoint from the connection-test
 * Worker, which streams the reply into `onPartial` as it arrives. The Worker client is loaded on
 * first use, keeping the first bundle lean.
 */
async function runConnectionTest(
  settings: ModelSettings,
  onPartial: (text: string) => void,
  signal: AbortSignal,
): Promise<ConnectionCheck> {
  if (settings.preset === 'simulated') return testConnection(settings, { signal });
  const { testConnectionInWorker } = await import('./connection-client');
  return testConnectionInWorker(settings, { onPartial, signal });
}

/**
 * Whether the engine sends answer schemas as `response_format` for these settings when the person
 * has not chosen: the preset's server has structured outputs (a custom server: guessed from its URL).
 */
export function structuredOutputsDefault(settings: ModelSettings): boolean {
  if (settings.preset === 'simulated') return false;
  return getPreset(settings.preset === 'custom' ? guessPreset(settings.baseUrl) : settings.preset)
    .structuredOutputs;
}

/** The endpoint's number settings, in the order the form shows them (an emptied box means 0). */
const NUMBER_FIELDS: {
  key: 'temperature' | 'concurrency' | 'timeoutSeconds' | 'priceInPerMTok' | 'priceOutPerMTok';
  label: string;
  /** Its accessible name after the role's title, e.g. "Forward model timeout". */
  name: string;
  /** Shown while the setting is unset. */
  fallback: number;
  min: number;
  max?: number;
  step?: number;
}[] = [
  { key: 'temperature', label: 'Temperature', name: 'temperature', fallback: 0, min: 0, max: 2, step: 0.1 },
  { key: 'concurrency', label: 'Concurrency', name: 'concurrency', fallback: 4, min: 1, max: 64 },
  { key: 'timeoutSeconds', label: 'Timeout (s)', name: 'timeout', fallback: DEFAULT_TIMEOUT_SECONDS, min: 1 },
  { key: 'priceInPerMTok', label: '$ / M tok in', name: 'input price', fallback: 0, min: 0, step: 0.01 },
  { key: 'priceOutPerMTok', label: '$ / M tok out', name: 'output price', fallback: 0, min: 0, step: 0.01 },
];

/** The form for one model role (forward or optimizer). */
export function ModelSettingsForm({
  title,
  value,
  onChange,
}: {
  title: string;
  value: ModelSettings;
  onChange(v: ModelSettings): void;
}) {
  const [check, setCheck] = useState<ConnectionCheck | 'running' | null>(null);
  const [streamed, setStreamed] = useState('');
  const testAbort = useRef<AbortController | null>(null);
  // A test still running when the panel closes is stopped (its Worker terminated).
  useEffect(() => () => testAbort.current?.abort(), []);
  // What the person typed; it reaches the studio settings (and runs) only once it is valid.
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const problems = endpointProblems(draft);
  const simulated = draft.preset === 'simulated';
  const set = (patch: Partial<ModelSettings>) => {
    testAbort.current?.abort();
    setCheck(null);
    setStreamed('');
    const next = { ...draft, ...patch };
    setDraft(next);
    if (endpointProblems(next).length === 0) onChange(next);
  };
  const startTest = () => {
    testAbort.current?.abort();
    const controller = new AbortController();
    testAbort.current = controller;
    setCheck('running');
    setStreamed('');
    void runConnectionTest(draft, setStreamed, controller.signal).then((result) => {
      if (!controller.signal.aborted) setCheck(result);
    });
  };
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <fieldset
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
      data-testid={`settings-${id}`}
    >
      <legend className="px-1 text-xs font-semibold">{title}</legend>
      <Field label="Provider">
        <select
          aria-label={`${title} provider`}
          className={INPUT}
          value={draft.preset}
          onChange={(e) => set(withPreset(draft, e.target.value as PresetId))}
        >
          {Object.entries(PRESETS).map(([pid, p]) => (
            <option key={pid} value={pid}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      {simulated ? (
        <p className="text-xs text-slate-500">
          {SIMULATED_LABEL}: a deterministic skill world that runs in this tab. Its answers are computed from
          the prompts, but it is not a language model; everything it produces is labelled as simulated.
        </p>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label="Base URL"
              name={`${title} base URL`}
              value={draft.baseUrl}
              onChange={(baseUrl) => set({ baseUrl: baseUrl.trim() })}
            />
            <TextField
              label="Model"
              name={`${title} model`}
              value={draft.model}
              onChange={(model) => set({ model: model.trim() })}
            />
          </div>
          <Field
            label="API key"
            hint="Stored only in this browser's IndexedDB; never exported, logged or put in a URL."
          >
            <input
              aria-label={`${title} API key`}
              type="password"
              autoComplete="off"
              className={INPUT}
              value={draft.apiKey}
              placeholder={
                draft.preset === 'ollama' || draft.preset === 'lmstudio'
                  ? '(not needed for local servers)'
                  : 'sk-…'
              }
              onChange={(e) => set({ apiKey: e.target.value })}
            />
          </Field>
          <StructuredOutputsToggle
            title={title}
            settings={draft}
            onChange={(structuredOutputs) => set({ structuredOutputs })}
          />
        </>
      )}
      {/* Cells at least 7rem wide, as many per row as fit: a label never runs into its neighbour. */}
      <div className="grid grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-2">
        {NUMBER_FIELDS.map(({ key, label, name, fallback, ...limits }) => (
          <NumberField
            key={key}
            label={label}
            name={`${title} ${name}`}
            {...limits}
            value={draft[key] ?? fallback}
            onChange={(value) => set({ [key]: value ?? 0 })}
          />
        ))}
      </div>
      {problems.length > 0 && (
        <p className="text-xs text-red-700 dark:text-red-400" role="alert" data-testid="settings-problem">
          {problems.join(' ')} Not applied until this is fixed.
        </p>
      )}
      <div className="flex items-start gap-2">
        <button
          type="button"
          disabled={check === 'running'}
          className="shrink-0 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
          onClick={startTest}
        >
          {check === 'running' ? 'Testing…' : 'Test connection'}
        </button>
        {check === 'running' && streamed !== '' && (
          <p
            className="text-xs text-sky-700 dark:text-sky-400"
            data-testid="connection-stream"
            aria-live="polite"
          >
            Reply so far: “{streamed}”
          </p>
        )}
        {check && check !== 'running' && (
          <p
            className={`text-xs ${check.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}
            role="status"
            data-testid="connection-result"
          >
            {check.ok
              ? `Connected: replied "${check.reply.slice(0, 60)}" in ${Math.round(check.latencyMs)} ms.`
              : check.message}
          </p>
        )}
      </div>
    </fieldset>
  );
}

/**
 * Structured outputs for one endpoint: checked means answer schemas go out as `response_format`
 * json_schema. Until the person chooses, it shows (and the engine uses) the preset's default.
 */
function StructuredOutputsToggle({
  title,
  settings,
  onChange,
}: {
  title: string;
  settings: ModelSettings;
  onChange(on: boolean): void;
}) {
  const preset = structuredOutputsDefault(settings);
  const chosen = settings.structuredOutputs;
  return (
    <label className="flex items-start gap-2 text-xs">
      <input
        type="checkbox"
        className="mt-0.5"
        aria-label={`${title} structured outputs`}
        checked={chosen ?? preset}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>
        Structured outputs (send answer schemas as <code>response_format</code> json_schema)
        <span className="block text-[11px] text-slate-500" data-testid="structured-outputs-default">
          {chosen === undefined
            ? `The preset's default: ${preset ? 'on' : 'off'}.`
            : `Chosen: ${chosen ? 'on' : 'off'} (the preset's default is ${preset ? 'on' : 'off'}).`}{' '}
          An endpoint that refuses it is asked for text instead, noted in the call log.
        </span>
      </span>
    </label>
  );
}
