import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CallRecord } from '@backflow/engine/providers/index.ts';

/** An append-only JSON-lines file of call records (the CLI's counterpart of the studio's call log). */
export interface CallLog {
  append(record: CallRecord): void;
  /** Resolves once every record so far is on disk. */
  flush(): Promise<void>;
}

/**
 * Opens a call log: each settled call (answer or final failure) becomes one JSON line with its
 * purpose, node, example, model, latency, attempts, tokens, cost, the messages sent and the text
 * received. Writes are queued in order; the file and its directory are created on the first one.
 */
export function openCallLog(path: string): CallLog {
  let queue: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  return {
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      queue = queue.then(() => appendFile(path, line, 'utf8'));
    },
    flush: () => queue,
  };
}
