/**
 * Model settings as the studio stores them (IndexedDB only). The API key lives here and nowhere
 * else: exports strip it ({@link stripSecrets} in persistence/bundle.ts) and it is never logged.
 */

/** Where a model comes from; `simulated` is the offline default. */
export type PresetId =
  | 'simulated'
  | 'openai'
  | 'openrouter'
  | 'ollama'
  | 'lmstudio'
  | 'vllm'
  | 'llamacpp'
  | 'custom';

export interface ModelSettings {
  preset: PresetId;
  baseUrl: string;
  model: string;
  apiKey: string;
  temperature: number;
  concurrency: number;
  /** US dollars per million input tokens. */
  priceInPerMTok: number;
  /** US dollars per million output tokens. */
  priceOutPerMTok: number;
  /** Per-attempt timeout; a hung request is abandoned and retried after this. Absent in old saves. */
  timeoutSeconds?: number;
}

/** Attempts per call against a real endpoint (429/5xx/timeouts are retried with backoff). */
export const MAX_ATTEMPTS = 6;
/** Per-attempt timeout when the settings do not say. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The forward model runs the workflow; the optimizer model answers backward passes. */
export interface StudioSettings {
  forward: ModelSettings;
  optimizer: ModelSettings;
}

/** The label the UI shows wherever the simulator is in use. */
export const SIMULATED_LABEL = 'Simulated model (offline)';

/** Preset defaults: base URL and a typical model name. */
export const PRESETS: Record<PresetId, { label: string; baseUrl: string; model: string }> = {
  simulated: { label: SIMULATED_LABEL, baseUrl: '', model: 'sim' },
  openai: { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  openrouter: { label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o-mini' },
  ollama: { label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
  lmstudio: { label: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', model: 'local-model' },
  vllm: { label: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', model: 'served-model' },
  llamacpp: { label: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1', model: 'default' },
  custom: { label: 'Custom (OpenAI-compatible)', baseUrl: 'http://127.0.0.1:8000/v1', model: '' },
};

/** Settings with a preset's defaults applied (key kept: switching preset should not lose it). */
export function withPreset(settings: ModelSettings, preset: PresetId): ModelSettings {
  const p = PRESETS[preset];
  return { ...settings, preset, baseUrl: p.baseUrl, model: p.model };
}

/** The simulated model with zero price: what a fresh studio uses. */
export function defaultModelSettings(): ModelSettings {
  return {
    preset: 'simulated',
    baseUrl: '',
    model: 'sim',
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
