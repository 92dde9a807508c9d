/**
 * The optimize driver's test harness: a studio with a simulator fixture and its dataset, a fresh
 * fake IndexedDB, the inline engine (optionally one that "crashes" like a reloaded tab), and waits
 * on the optimize store.
 */
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokenFixtures } from '@backflow/engine/testing';
import { type BackflowDb, openBackflowDb } from '../../persistence/db';
import { createStudioStore } from '../../store/create-store';
import { type EngineClient, inlineClient } from '../../worker/client';
import type { HostCommand, HostMessage } from '../../worker/protocol';
import { createOptimizeDriver } from '../driver';
import { defaultForm, type OptimizeForm } from '../form';
import { createOptimizeStore, type OptimizeState, type OptimizeStore } from '../optimize-state';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..', 'packages', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
export const fixture = fixtures.find((f) => f.name.startsWith('chain3')) ?? fixtures[0];

let dbSeq = 0;

export function setup(
  db = openBackflowDb(`optimize-${Date.now()}-${++dbSeq}`),
  createClient: (onMessage: (message: HostMessage) => void) => EngineClient = inlineClient,
) {
  if (!fixture) throw new Error('no simulator fixture');
  const studio = createStudioStore();
  studio.getState().loadDoc(fixture.workflow);
  studio.getState().setDataset({ name: 'train', examples: [...fixture.train, ...fixture.val] } as never);
  const store = createOptimizeStore();
  let runs = 0;
  const driver = createOptimizeDriver({
    db,
    studio,
    store,
    createClient,
    newRunId: () => `run-${dbSeq}-${++runs}`,
  });
  return { db, studio, store, driver };
}

/**
 * An inline engine that can "crash" like a reloaded tab: from `crash()` on, nothing it says
 * reaches the studio, and the unit in flight is cancelled so it sends no more requests.
 */
export function crashableClient() {
  let client: EngineClient | null = null;
  let alive = true;
  let last: HostCommand | null = null;
  return {
    create(onMessage: (message: HostMessage) => void): EngineClient {
      const inner = inlineClient((m) => {
        if (alive) onMessage(m);
      });
      client = {
        ...inner,
        send: (command) => {
          last = command;
          inner.send(command);
        },
      };
      return client;
    },
    async crash() {
      alive = false;
      if (client && last) await client.sendAndWait({ type: 'abort', runId: last.runId });
    },
  };
}

export async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('poll: condition never held');
}

export const callKeysOf = async (db: BackflowDb, runId: string) =>
  (await db.calls.where('runId').equals(runId).toArray()).map((c) => c.callKey ?? '').sort();

export function until(store: OptimizeStore, done: (s: OptimizeState) => boolean): Promise<OptimizeState> {
  return new Promise((resolve) => {
    const check = () => {
      const s = store.getState();
      if (done(s)) {
        unsubscribe();
        resolve(s);
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

export const form: OptimizeForm = { ...defaultForm('gtbp'), iterations: 2, batchSize: 4, seed: 5 };
export const finished = (s: OptimizeState) =>
  s.status === 'done' || s.status === 'error' || s.status === 'budget';
