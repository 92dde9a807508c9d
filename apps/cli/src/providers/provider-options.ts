import { readChoice, readInt, readNumber } from '../cli/args';
import { usageError } from '../cli/exit-codes';

/** The provider flags shared by `run` and `optimize` (spread into their parseArgs options). */
export const providerFlagOptions = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'optimizer-model': { type: 'string' },
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
  --timeout-ms MS          per-attempt timeout (default 60000)
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
  sim: { seed: number; forwardErrorRate: number; optimizerErrorRate: number; realisticRate: number };
}

type ProviderFlagValues = { [K in keyof typeof providerFlagOptions]?: string };

/** Reads and checks the provider flags (usage errors exit 2). */
export function readProviderOptions(values: ProviderFlagValues): ProviderOptions {
  const provider =
    readChoice('provider', values.provider, ['sim', 'openai'] as const) ??
    (values['base-url'] ? 'openai' : 'sim');
  if (provider === 'sim' && values['base-url'] !== undefined) {
    throw usageError(
      '--base-url needs --provider openai (the simulator runs in-process; for serve-sim use --provider openai --base-url <its URL>).',
    );
  }
  if (values['base-url'] !== undefined && !/^https?:\/\/[^/]/.test(values['base-url'])) {
    throw usageError(
      `--base-url must be an http(s) URL, e.g. http://127.0.0.1:8787/v1; got "${values['base-url']}".`,
    );
  }
  if (values['api-key-env'] !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(values['api-key-env'])) {
    throw usageError(
      `--api-key-env takes the NAME of an environment variable (not the key); got an invalid name.`,
    );
  }
  const options: ProviderOptions = {
    provider,
    concurrency: readInt('concurrency', values.concurrency, { min: 1, max: 256 }) ?? 4,
    maxAttempts: readInt('max-attempts', values['max-attempts'], { min: 1, max: 20 }) ?? 5,
    timeoutMs: readInt('timeout-ms', values['timeout-ms'], { min: 1 }) ?? 60_000,
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
  return options;
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
  options: ProviderOptions,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (options.apiKeyEnv !== undefined) {
    const key = env[options.apiKeyEnv];
    if (key === undefined || key.trim() === '') {
      throw usageError(
        `--api-key-env ${options.apiKeyEnv}: the environment variable ${options.apiKeyEnv} is not set or empty.`,
      );
    }
    return key.trim();
  }
  return env.OPENAI_API_KEY?.trim() ?? '';
}
