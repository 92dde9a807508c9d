import { baseUrlProblem, MAX_TIMEOUT_SECONDS } from '@backflow/engine';
import { readChoice, readInt, readNumber } from '../cli/args';
import { usageError } from '../cli/exit-codes';

/** The provider flags shared by `run` and `optimize` (spread into their parseArgs options). */
export const providerFlagOptions = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'optimizer-model': { type: 'string' },
  'optimizer-provider': { type: 'string' },
  'optimizer-base-url': { type: 'string' },
  'optimizer-api-key-env': { type: 'string' },
  'optimizer-concurrency': { type: 'string' },
  'optimizer-timeout-ms': { type: 'string' },
  'optimizer-structured-outputs': { type: 'string' },
  'structured-outputs': { type: 'string' },
  'api-key-env': { type: 'string' },
  concurrency: { type: 'string' },
  cache: { type: 'string' },
  'max-attempts': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'sim-seed': { type: 'string' },
  'sim-forward-error-rate': { type: 'string' },
  'sim-optimizer-error-rate': { type: 'string' },
  'sim-realistic-rate': { type: 'string' },
} as const;

/** Usage lines for the provider flags, shared by the commands' help texts. */
export const providerFlagsUsage = `Provider options:
  --provider sim|openai    the simulated model (offline, default) or an OpenAI-compatible server
                           (implied by --base-url)
  --base-url URL           the server's base URL, e.g. http://127.0.0.1:8787/v1
                           (default for openai: https://api.openai.com/v1)
  --model NAME             forward model (default: the workflow's default model, else gpt-4o-mini)
  --optimizer-model NAME   model for backward, update and judge calls (default: --model)
  --api-key-env VAR        read the API key from environment variable VAR (default OPENAI_API_KEY
                           when set; local servers need none). The key is never a flag and never
                           printed. A named variable that is unset or empty exits 2.
  --concurrency N          at most N calls in flight (default 4)
  --cache FILE             reuse answers from FILE and append new ones (JSON lines)
  --max-attempts N         attempts per call including retries (default 5)
  --timeout-ms MS          per-attempt timeout, at most 3600000 (default 60000)
  --structured-outputs on|off
                           send answer schemas as response_format json_schema (default: on for
                           the OpenAI, vLLM, llama.cpp, LM Studio and Ollama URLs, else off; an
                           endpoint that refuses it is asked for text, said in the call log)
  --optimizer-provider sim|openai, --optimizer-base-url URL, --optimizer-api-key-env VAR,
  --optimizer-concurrency N, --optimizer-timeout-ms MS, --optimizer-structured-outputs on|off
                           the optimizer model on its own endpoint (default: the forward
                           model's; --optimizer-base-url implies openai). Without
                           --optimizer-api-key-env, another base URL gets OPENAI_API_KEY when
                           set, never the forward model's --api-key-env key.
  --sim-seed S             simulator: seed of its noise (default 1)
  --sim-forward-error-rate F, --sim-optimizer-error-rate F
                           simulator: seeded share of wrong answers, 0..1 (default 0)
  --sim-realistic-rate R   simulator: seeded share of answers that slip as real models' do
                           (prose, other fences, <think>, truncation, refusals...), 0..1 (default 0)
`;

/**
 * Provider settings as given on the command line. Stored in checkpoints, so it never holds the
 * key itself, only the name of the variable that holds it.
 */
export interface ProviderOptions {
  provider: 'sim' | 'openai';
  baseUrl?: string;
  model?: string;
  optimizerModel?: string;
  apiKeyEnv?: string;
  concurrency: number;
  cacheFile?: string;
  maxAttempts: number;
  timeoutMs: number;
  /** `--structured-outputs`: absent leaves it to the endpoint's preset (guessed from its URL). */
  structuredOutputs?: boolean;
  sim: { seed: number; forwardErrorRate: number; optimizerErrorRate: number; realisticRate: number };
  /** The optimizer's own endpoint; absent fields are the forward model's. */
  optimizer?: {
    provider?: 'sim' | 'openai';
    baseUrl?: string;
    apiKeyEnv?: string;
    concurrency?: number;
    timeoutMs?: number;
    structuredOutputs?: boolean;
  };
}

/** Longest `--timeout-ms` (one hour): larger values overflow the timer and fire at once. */
const MAX_TIMEOUT_MS = MAX_TIMEOUT_SECONDS * 1000;

type ProviderFlagValues = { [K in keyof typeof providerFlagOptions]?: string };

/** Reads and checks the provider flags (usage errors exit 2). */
export function readProviderOptions(values: ProviderFlagValues): ProviderOptions {
  const provider = readEndpointKind('provider', values.provider, values['base-url']);
  checkBaseUrl('base-url', provider, values['base-url']);
  checkKeyEnvName('api-key-env', values['api-key-env']);
  const options: ProviderOptions = {
    provider,
    concurrency: readInt('concurrency', values.concurrency, { min: 1, max: 256 }) ?? 4,
    maxAttempts: readInt('max-attempts', values['max-attempts'], { min: 1, max: 20 }) ?? 5,
    timeoutMs: readInt('timeout-ms', values['timeout-ms'], { min: 1, max: MAX_TIMEOUT_MS }) ?? 60_000,
    sim: {
      seed: readInt('sim-seed', values['sim-seed']) ?? 1,
      forwardErrorRate:
        readNumber('sim-forward-error-rate', values['sim-forward-error-rate'], { min: 0, max: 1 }) ?? 0,
      optimizerErrorRate:
        readNumber('sim-optimizer-error-rate', values['sim-optimizer-error-rate'], { min: 0, max: 1 }) ?? 0,
      realisticRate: readNumber('sim-realistic-rate', values['sim-realistic-rate'], { min: 0, max: 1 }) ?? 0,
    },
  };
  if (values['base-url'] !== undefined) options.baseUrl = values['base-url'];
  if (values.model !== undefined) options.model = values.model;
  if (values['optimizer-model'] !== undefined) options.optimizerModel = values['optimizer-model'];
  if (values['api-key-env'] !== undefined) options.apiKeyEnv = values['api-key-env'];
  if (values.cache !== undefined) options.cacheFile = values.cache;
  const structured = readOnOff('structured-outputs', values['structured-outputs']);
  if (structured !== undefined) options.structuredOutputs = structured;
  const optimizer = readOptimizerEndpoint(values);
  if (optimizer) options.optimizer = optimizer;
  return options;
}

/** The `--optimizer-*` endpoint flags, or undefined when none was given. */
function readOptimizerEndpoint(values: ProviderFlagValues): ProviderOptions['optimizer'] {
  const baseUrl = values['optimizer-base-url'];
  const given = values['optimizer-provider'] ?? baseUrl;
  const provider =
    given === undefined
      ? undefined
      : readEndpointKind('optimizer-provider', values['optimizer-provider'], baseUrl);
  if (provider) checkBaseUrl('optimizer-base-url', provider, baseUrl);
  checkKeyEnvName('optimizer-api-key-env', values['optimizer-api-key-env']);
  const concurrency = readInt('optimizer-concurrency', values['optimizer-concurrency'], { min: 1, max: 256 });
  const timeoutMs = readInt('optimizer-timeout-ms', values['optimizer-timeout-ms'], {
    min: 1,
    max: MAX_TIMEOUT_MS,
  });
  const structuredOutputs = readOnOff('optimizer-structured-outputs', values['optimizer-structured-outputs']);
  const optimizer = {
    ...(provider ? { provider } : {}),
    ...(structuredOutputs !== undefined ? { structuredOutputs } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(values['optimizer-api-key-env'] !== undefined ? { apiKeyEnv: values['optimizer-api-key-env'] } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
  return Object.keys(optimizer).length > 0 ? optimizer : undefined;
}

/** `on` / `off` as a boolean; undefined when the flag is absent (usage error otherwise). */
function readOnOff(flag: string, raw: string | undefined): boolean | undefined {
  const choice = readChoice(flag, raw, ['on', 'off'] as const);
  return choice === undefined ? undefined : choice === 'on';
}

/** `sim` or `openai` from `--<flag>`, implied `openai` by a base URL, else `sim`. */
function readEndpointKind(
  flag: string,
  raw: string | undefined,
  baseUrl: string | undefined,
): 'sim' | 'openai' {
  return readChoice(flag, raw, ['sim', 'openai'] as const) ?? (baseUrl !== undefined ? 'openai' : 'sim');
}

/** A base URL flag: only with openai, and a usable http(s) URL (the engine's check, password never echoed). */
function checkBaseUrl(flag: string, provider: 'sim' | 'openai', raw: string | undefined): void {
  if (raw === undefined) return;
  const kindFlag = flag === 'base-url' ? 'provider' : 'optimizer-provider';
  if (provider === 'sim') {
    throw usageError(
      `--${flag} needs --${kindFlag} openai (the simulator runs in-process; for serve-sim use --${kindFlag} openai --${flag} <its URL>).`,
    );
  }
  const problem = baseUrlProblem(raw);
  if (problem) throw usageError(`--${flag} ${problem}`);
}

function checkKeyEnvName(flag: string, raw: string | undefined): void {
  if (raw !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw)) {
    throw usageError(
      `--${flag} takes the NAME of an environment variable (not the key); got an invalid name.`,
    );
  }
}

/** True when any provider flag was given (a resumed run then uses these instead of the stored ones). */
export function anyProviderFlag(values: ProviderFlagValues): boolean {
  return Object.keys(providerFlagOptions).some((k) => values[k as keyof ProviderFlagValues] !== undefined);
}

/**
 * The API key to send: from `--api-key-env VAR` (which must then be set: exit 2 otherwise), else
 * OPENAI_API_KEY when set, else empty (local servers such as serve-sim, Ollama or vLLM need none).
 */
export function resolveApiKey(
  options: Pick<ProviderOptions, 'apiKeyEnv'>,
  env: Readonly<Record<string, string | undefined>>,
  flag = 'api-key-env',
): string {
  if (options.apiKeyEnv !== undefined) {
    const key = env[options.apiKeyEnv];
    if (key === undefined || key.trim() === '') {
      throw usageError(
        `--${flag} ${options.apiKeyEnv}: the environment variable ${options.apiKeyEnv} is not set or empty.`,
      );
    }
    return key.trim();
  }
  return env.OPENAI_API_KEY?.trim() ?? '';
}
