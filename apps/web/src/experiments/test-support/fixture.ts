// A simulator fixture for the experiments tests, read from packages/sim/fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example, ExperimentSpec, Workflow } from '@backflow/engine';
import { createExperimentHost } from '../experiment-host';
import type { ExperimentMessage } from '../protocol';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..', 'packages', 'sim', 'fixtures');

/** A fixture's workflow file (e.g. "workflow.json", "broken-1.workflow.json") and its examples. */
export function simFixture(name: string, workflowFile = 'workflow.json') {
  const dir = join(ROOT, name);
  const jsonl = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Example);
  return {
    workflow: JSON.parse(readFileSync(join(dir, workflowFile), 'utf8')) as Workflow,
    train: jsonl('train.jsonl'),
    val: jsonl('val.jsonl'),
  };
}

/** A 2-arm x 2-seed grid on the simulator's broken Chain3 receipt, small enough for a unit test. */
export function smallGridSpec(): ExperimentSpec {
  const { workflow, train, val: held } = simFixture('chain3-receipt', 'broken-1.workflow.json');
  return {
    workflow,
    train,
    val: held.slice(0, 2),
    test: held.slice(2),
    arms: [
      { name: 'sembp', settings: { algorithm: 'sembp', iterations: 1, batchSize: 2, errorBatchSize: 1 } },
      {
        name: 'textgrad',
        settings: { algorithm: 'textgrad', iterations: 1, batchSize: 2, errorBatchSize: 1 },
      },
    ],
    seeds: [1, 2],
  };
}

/** Runs the stored experiment `experimentId` of database `dbName` with the inline host on the simulator. */
export async function runOnSimulator(dbName: string, experimentId: string): Promise<ExperimentMessage[]> {
  const messages: ExperimentMessage[] = [];
  const sim = { kind: 'simulated' as const, baseUrl: '', model: 'backflow-sim' };
  await createExperimentHost((m) => messages.push(m)).handle({
    type: 'start',
    experimentId,
    dbName,
    provider: { forward: sim, optimizer: sim },
  });
  return messages;
}
