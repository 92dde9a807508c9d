/**
 * Known OpenAI-compatible endpoints: where they listen by default, whether they need a key, and
 * what a person has to change when a browser is not allowed to call them (CORS). The diagnosis
 * (diagnose.ts) quotes these hints, so they are written as instructions.
 */

/** Identifier of a preset; `custom` is any other OpenAI-compatible server. */
export type ProviderPresetId =
  | 'openai'
  | 'openrouter'
  | 'ollama'
  | 'lmstudio'
  | 'vllm'
  | 'llamacpp'
  | 'custom';

export interface ProviderPreset {
  id: ProviderPresetId;
  label: string;
  /** Default base URL, ending in the API version path the server expects (usually `/v1`). */
  baseURL: string;
  /** Whether calls fail without an API key. */
  needsKey: boolean;
  /** A model name that usually exists there, as a placeholder in forms. */
  exampleModel: string;
  /** What to do so a browser page may call this server. */
  corsHint: string;
  /** How to start the server when nothing is listening (local servers only). */
  startHint?: string;
  /**
   * Whether the server takes `response_format: {type: "json_schema"}` (structured outputs), the
   * default of the OpenAI provider's `structuredOutputs` option. A model that refuses it anyway
   * is asked for text instead, by itself.
   */
  structuredOutputs: boolean;
}

const GENERIC_CORS =
  'Configure the server (or a proxy in front of it) to answer the OPTIONS preflight with ' +
  'Access-Control-Allow-Origin for this page and Access-Control-Allow-Headers that include ' +
  'authorization, content-type and x-stainless-*.';

/** Every preset, in the order a settings form lists them. */
export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    structuredOutputs: true,
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    needsKey: true,
    exampleModel: 'gpt-4o-mini',
    corsHint:
      'OpenAI allows browser calls; check the network, the base URL and any extension blocking requests.',
  },
  {
    id: 'openrouter',
    structuredOutputs: false,
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    exampleModel: 'openai/gpt-4o-mini',
    corsHint:
      'OpenRouter allows browser calls; check the network, the base URL and any extension blocking requests.',
  },
  {
    id: 'ollama',
    structuredOutputs: true,
    label: 'Ollama',
    baseURL: 'http://127.0.0.1:11434/v1',
    needsKey: false,
    exampleModel: 'llama3.1',
    corsHint:
      "Start Ollama with OLLAMA_ORIGINS set to this page's origin (or *), e.g. `OLLAMA_ORIGINS='*' ollama serve`.",
    startHint: 'Run `ollama serve` (and `ollama pull <model>` once).',
  },
  {
    id: 'lmstudio',
    structuredOutputs: true,
    label: 'LM Studio',
    baseURL: 'http://127.0.0.1:1234/v1',
    needsKey: false,
    exampleModel: 'local-model',
    corsHint: 'In LM Studio, open the Developer tab, server settings, and turn on "Enable CORS".',
    startHint: "Start the local server from LM Studio's Developer tab (or `lms server start`).",
  },
  {
    id: 'vllm',
    structuredOutputs: true,
    label: 'vLLM',
    baseURL: 'http://127.0.0.1:8000/v1',
    needsKey: false,
    exampleModel: 'served-model',
    corsHint: `Start vLLM with \`--allowed-origins '["*"]' --allowed-headers '["*"]'\` (or list this page's origin).`,
    startHint: 'Run `vllm serve <model>`.',
  },
  {
    id: 'llamacpp',
    structuredOutputs: true,
    label: 'llama.cpp server',
    baseURL: 'http://127.0.0.1:8080/v1',
    needsKey: false,
    exampleModel: 'default',
    corsHint: `llama-server normally sends CORS headers; if a proxy sits in front of it: ${GENERIC_CORS}`,
    startHint: 'Run `llama-server -m <model.gguf> --port 8080`.',
  },
  {
    id: 'custom',
    structuredOutputs: false,
    label: 'Custom (OpenAI-compatible)',
    baseURL: 'http://127.0.0.1:8000/v1',
    needsKey: false,
    exampleModel: '',
    corsHint: GENERIC_CORS,
  },
];

/** The preset with this id (`custom` for an unknown id). */
export function getPreset(id: string | undefined): ProviderPreset {
  return PROVIDER_PRESETS.find((p) => p.id === id) ?? (PROVIDER_PRESETS.at(-1) as ProviderPreset);
}

/** Best guess of the preset behind a base URL, from its host and default port. */
export function guessPreset(baseURL: string): ProviderPresetId {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'custom';
  }
  if (url.hostname === 'api.openai.com') return 'openai';
  if (url.hostname.endsWith('openrouter.ai')) return 'openrouter';
  const byPort: Record<string, ProviderPresetId> = {
    '11434': 'ollama',
    '1234': 'lmstudio',
    '8000': 'vllm',
    '8080': 'llamacpp',
  };
  return byPort[url.port] ?? 'custom';
}
