/**
 * How to reach one model: the one settings shape every host uses (the studio's Settings dialog
 * stores it, the engine protocol carries it, the CLI builds it from its flags). The forward and the
 * optimizer model each have their own, so an optimizer may live on another endpoint, with its own
 * key, temperature, timeout and concurrency, simulated or real either way.
 */
import * as z from 'zod';
import type { PriceTable } from './accounting';
import { baseUrlProblem } from './endpoint-url';

/**
 * Longest per-attempt timeout accepted (one hour). Larger values overflow `setTimeout` (2^31 ms)
 * and fire at once, which read as "no answer within the time limit".
 */
export const MAX_TIMEOUT_SECONDS = 3600;
/** Per-attempt timeout when the settings give none. */
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** Attempts per call against a real endpoint (429/5xx/timeouts are retried with backoff). */
export const DEFAULT_MAX_ATTEMPTS = 6;
/** Calls in flight per endpoint when the settings give no limit. */
export const DEFAULT_CONCURRENCY = 4;

const positive = (what: string) => z.number({ error: `${what} must be a number.` });

/** The zod schema of {@link EndpointSettings}; messages are sentences a person can act on. */
export const endpointSettingsSchema = z
  .object({
    /** `simulated`: the offline skill world (the host supplies it); else an OpenAI-compatible server. */
    kind: z.enum(['simulated', 'openai-compatible']),
    /** The preset the person picked (`openai`, `ollama`, ...): it names the right CORS fix. */
    preset: z.string().optional(),
    baseUrl: z.string().default(''),
    /** Absent or empty for local servers; never stored with a run or written to a report. */
    apiKey: z.string().optional(),
    model: z.string().min(1, 'Model name is empty: give the model to call, e.g. gpt-4o-mini.'),
    temperature: positive('Temperature')
      .min(0, 'Temperature must be between 0 and 2.')
      .max(2, 'Temperature must be between 0 and 2.')
      .optional(),
    timeoutSeconds: positive('Timeout')
      .gt(0, 'Timeout must be more than 0 seconds.')
      .max(MAX_TIMEOUT_SECONDS, `Timeout must be at most ${MAX_TIMEOUT_SECONDS} seconds (one hour).`)
      .optional(),
    concurrency: positive('Concurrency')
      .int('Concurrency must be a whole number.')
      .min(1, 'Concurrency must be at least 1.')
      .max(256, 'Concurrency must be at most 256.')
      .optional(),
    maxAttempts: positive('Attempts')
      .int('Attempts must be a whole number.')
      .min(1, 'Attempts must be at least 1.')
      .max(20, 'Attempts must be at most 20.')
      .optional(),
    /** US dollars per million input tokens. */
    priceInPerMTok: positive('Input price').min(0, 'Prices cannot be negative.').optional(),
    /** US dollars per million output tokens. */
    priceOutPerMTok: positive('Output price').min(0, 'Prices cannot be negative.').optional(),
    /** Ask the server for JSON-schema answers (OpenAI client option); the client decides when absent. */
    structuredOutputs: z.boolean().optional(),
    /** Simulator only: seeded noise. */
    simNoise: z
      .object({
        seed: z.number().int().optional(),
        forwardErrorRate: z.number().min(0).max(1).optional(),
        optimizerErrorRate: z.number().min(0).max(1).optional(),
        /** Share of answers that slip the way real models' do (packages/sim/src/realistic). */
        realisticRate: z.number().min(0).max(1).optional(),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== 'openai-compatible') return;
    const problem = baseUrlProblem(value.baseUrl);
    if (problem) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: `Base URL ${problem}` });
  });

/** How to reach one model (see the file comment). */
export type EndpointSettings = z.infer<typeof endpointSettingsSchema>;

/** The two models of a run: the forward model runs the workflow, the optimizer answers backward passes. */
export interface ProviderSettings {
  forward: EndpointSettings;
  optimizer: EndpointSettings;
}

/** Thrown for settings that cannot be used; `message` is one plain sentence per problem. */
export class EndpointSettingsError extends Error {
  override name = 'EndpointSettingsError';
}

/**
 * Every problem of `input` as plain sentences (empty when it is usable), prefixed with `role`
 * ("Optimizer model: ...") when given.
 */
export function endpointProblems(input: unknown, role?: string): string[] {
  const parsed = endpointSettingsSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    // Type errors on fields without a custom message still read as a sentence.
    const field = issue.path.join('.');
    const text =
      issue.code === 'invalid_type' && !issue.message.endsWith('.')
        ? `${field} is missing or not valid.`
        : issue.message;
    return role ? `${role}: ${text}` : text;
  });
}

/** Both endpoints checked (forward first); throws one {@link EndpointSettingsError} for all problems. */
export function parseProviderSettings(input: ProviderSettings): ProviderSettings {
  const problems = [
    ...endpointProblems(input.forward, 'Forward model'),
    ...endpointProblems(input.optimizer, 'Optimizer model'),
  ];
  if (problems.length > 0) throw new EndpointSettingsError(problems.join(' '));
  return {
    forward: endpointSettingsSchema.parse(input.forward),
    optimizer: endpointSettingsSchema.parse(input.optimizer),
  };
}

/** The price table entry of `endpoint` (its model name -> per-million-token prices), if it has prices. */
export function endpointPrices(endpoint: EndpointSettings): PriceTable | undefined {
  if (endpoint.priceInPerMTok === undefined && endpoint.priceOutPerMTok === undefined) return undefined;
  return {
    [endpoint.model]: {
      inputPerMTok: endpoint.priceInPerMTok ?? 0,
      outputPerMTok: endpoint.priceOutPerMTok ?? 0,
    },
  };
}

/** The prices of both endpoints, keyed by model name (so call records and session totals agree). */
export function pricesOf(settings: ProviderSettings): PriceTable {
  return { ...endpointPrices(settings.forward), ...endpointPrices(settings.optimizer) };
}

/** `settings` without API keys: what a run record, checkpoint or report may hold. */
export function withoutKeys(settings: ProviderSettings): ProviderSettings {
  const strip = ({ apiKey: _key, ...rest }: EndpointSettings): EndpointSettings => rest;
  return { forward: strip(settings.forward), optimizer: strip(settings.optimizer) };
}

/** The settings shape before forward and optimizer endpoints were separate (old stored runs). */
export interface LegacyProviderSettings {
  kind: 'openai-compatible' | 'simulated';
  baseUrl?: string;
  apiKey?: string;
  forwardModel: string;
  optimizerModel?: string;
  maxConcurrency?: number;
  maxAttempts?: number;
  prices?: PriceTable;
  simNoise?: { forward?: number; optimizer?: number; seed?: number };
}

/**
 * Settings stored by an older version (one endpoint, two model names) in today's shape; today's
 * shape is returned unchanged. Lets a run checkpointed before the change still resume.
 */
export function upgradeProviderSettings(stored: ProviderSettings | LegacyProviderSettings): ProviderSettings {
  if ('forward' in stored) return stored;
  const endpoint = (model: string): EndpointSettings => {
    const price = stored.prices?.[model];
    return {
      kind: stored.kind,
      baseUrl: stored.baseUrl ?? '',
      model,
      ...(stored.apiKey ? { apiKey: stored.apiKey } : {}),
      ...(stored.maxConcurrency ? { concurrency: stored.maxConcurrency } : {}),
      ...(stored.maxAttempts ? { maxAttempts: stored.maxAttempts } : {}),
      ...(price ? { priceInPerMTok: price.inputPerMTok, priceOutPerMTok: price.outputPerMTok } : {}),
      ...(stored.simNoise
        ? {
            simNoise: {
              seed: stored.simNoise.seed ?? 0,
              forwardErrorRate: stored.simNoise.forward ?? 0,
              optimizerErrorRate: stored.simNoise.optimizer ?? 0,
            },
          }
        : {}),
    };
  };
  return {
    forward: endpoint(stored.forwardModel),
    optimizer: endpoint(stored.optimizerModel ?? stored.forwardModel),
  };
}
