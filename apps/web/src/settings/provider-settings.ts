import {
  DEFAULT_TIMEOUT_SECONDS,
  type EndpointSettings,
  PROVIDER_PRESETS,
  type ProviderPresetId,
} from '@backflow/engine';

/**
 * Model settings as the studio stores them (IndexedDB only). The API key lives here and nowhere
 * else: exports strip it ({@link stripSecrets} in persistence/bundle.ts) and it is never logged.
 */

/** Where a model comes from: the simulator (the offline default) or one of the engine's presets. */
export type PresetId = 'simulated' | ProviderPresetId;

/**
 * One model role's settings: the engine's {@link EndpointSettings} (the one shape the protocol
 * carries and the engine builds models from) with the studio's preset always set.
 */
export type ModelSettings = EndpointSettings & { preset: PresetId };

export { DEFAULT_TIMEOUT_SECONDS };

/** The model name the simulator's call records and prices carry. */
export const SIM_MODEL_NAME = 'backflow-sim';

/** The forward model runs the workflow; the optimizer model answers backward passes. */
export interface StudioSettings {
  forward: ModelSettings;
  optimizer: ModelSettings;
}

/** The label the UI shows wherever the simulator is in use. */
export const SIMULATED_LABEL = 'Simulated model (offline)';

/** Preset defaults (base URL and a typical model name): the simulator, then the engine's presets. */
export const PRESETS = {
  simulated: { label: SIMULATED_LABEL, baseUrl: '', model: SIM_MODEL_NAME },
  ...Object.fromEntries(
    PROVIDER_PRESETS.map((p) => [p.id, { label: p.label, baseUrl: p.baseURL, model: p.exampleModel }]),
  ),
} as Record<PresetId, { label: string; baseUrl: string; model: string }>;

/**
 * Settings with a preset's defaults applied (key kept: switching preset should not lose it). A
 * structured-outputs choice is dropped: the new preset's server decides until the person chooses.
 */
export function withPreset(settings: ModelSettings, preset: PresetId): ModelSettings {
  const p = PRESETS[preset];
  const { structuredOutputs: _choice, ...rest } = settings;
  return { ...rest, preset, kind: kindOf(preset), baseUrl: p.baseUrl, model: p.model };
}

/** The simulated model with zero price: what a fresh studio uses. */
export function defaultModelSettings(): ModelSettings {
  return {
    kind: 'simulated',
    preset: 'simulated',
    baseUrl: '',
    model: SIM_MODEL_NAME,
    apiKey: '',
    temperature: 0,
    concurrency: 4,
    priceInPerMTok: 0,
    priceOutPerMTok: 0,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  };
}

/** Fresh settings: both roles on the simulator. */
export function defaultSettings(): StudioSettings {
  return { forward: defaultModelSettings(), optimizer: defaultModelSettings() };
}

/** A short name for a model setting: the simulated label or "preset · model". */
export function modelLabel(settings: ModelSettings): string {
  if (settings.preset === 'simulated') return SIMULATED_LABEL;
  return `${PRESETS[settings.preset].label} · ${settings.model}`;
}

/** The engine's endpoint kind of a preset. */
export function kindOf(preset: PresetId): EndpointSettings['kind'] {
  return preset === 'simulated' ? 'simulated' : 'openai-compatible';
}

/**
 * Settings as loaded from IndexedDB in today's shape: saves from before the engine's endpoint
 * settings have no `kind` and call the simulator's model "sim". Anything unreadable falls back to
 * the defaults of that role.
 */
export function normalizeStudioSettings(stored: unknown): StudioSettings {
  const role = (value: unknown): ModelSettings => {
    if (typeof value !== 'object' || value === null) return defaultModelSettings();
    const saved = value as Partial<ModelSettings>;
    const preset = saved.preset && saved.preset in PRESETS ? saved.preset : 'simulated';
    const merged: ModelSettings = { ...defaultModelSettings(), ...saved, preset, kind: kindOf(preset) };
    return preset === 'simulated' ? { ...merged, model: SIM_MODEL_NAME } : merged;
  };
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<StudioSettings>;
  return { forward: role(s.forward), optimizer: role(s.optimizer) };
}
