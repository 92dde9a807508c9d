/**
 * Test wiring: the engine's real provider stack (OpenAI SDK client, retries, limiter, cache,
 * records) pointed at a real simulator server on 127.0.0.1.
 */
import {
  type CallRecord,
  type ChatModel,
  createOpenAIChatModel,
  createProvider,
  type ProviderOptions,
  type RetryEvent,
  type Sleep,
} from '@backflow/engine';
import { createRng } from '../../engine';
import type { SimServer } from '../types';

export interface Harness {
  provider: ChatModel;
  records: CallRecord[];
  retries: RetryEvent[];
  /** Every wait the retry loop asked for, in ms (the fake sleep does not really wait). */
  sleeps: number[];
}

/** A sleep that records the wait and returns on the next turn of the event loop. */
export function fakeSleep(sleeps: number[]): Sleep {
  return (ms, signal) => {
    sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) reject(signal.reason);
      else setImmediate(resolve);
    });
  };
}

export interface HarnessOptions {
  apiKey?: string;
  model?: string;
  baseURL?: string;
  stream?: boolean;
  provider?: Omit<ProviderOptions, 'base'>;
}

/** Builds the provider stack for `server` with recorded calls, retries and sleeps. */
export function createHarness(server: SimServer, options: HarnessOptions = {}): Harness {
  const records: CallRecord[] = [];
  const retries: RetryEvent[] = [];
  const sleeps: number[] = [];
  const baseURL = options.baseURL ?? server.baseURL;
  const model = options.model ?? 'backflow-sim';
  const base = createOpenAIChatModel({
    baseURL,
    model,
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  });
  const rng = createRng(42);
  const provider = createProvider({
    base,
    model,
    endpoint: { baseURL, preset: 'custom', inBrowser: false },
    recorder: (record) => records.push(record),
    ...options.provider,
    retry: {
      sleep: fakeSleep(sleeps),
      random: () => rng.next(),
      onRetry: (event) => retries.push(event),
      ...options.provider?.retry,
    },
  });
  return { provider, records, retries, sleeps };
}

/** Polls `condition` every few ms, at most `tries` times; throws when it never holds. */
export async function waitFor(condition: () => boolean, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition never became true');
}
