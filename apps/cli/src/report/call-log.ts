import { stat, truncate } from 'node:fs/promises';
import type { CallRecord } from '@backflow/engine';
import { openAppendQueue } from '../cli/append-queue';

/** An append-only JSON-lines file of call records (the CLI's counterpart of the studio's call log). */
export interface CallLog {
  append(record: CallRecord): void;
  /** Resolves once every record so far is on disk. */
  flush(): Promise<void>;
  /** The file's length in bytes once every record so far is on disk. */
  size(): number;
}

/**
 * Opens a call log: each settled call (answer or final failure) becomes one JSON line with its
 * purpose, node, example, model, latency, attempts, tokens, cost, the messages sent and the text
 * received. Writes are queued in order (lines that arrive during a write go out together); the file
 * and its directory are created on the first one.
 */
export function openCallLog(path: string, initialBytes = 0): CallLog {
  const file = openAppendQueue(path);
  let bytes = initialBytes;
  return {
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      bytes += Buffer.byteLength(line, 'utf8');
      void file.append(line);
    },
    flush: () => file.flush(),
    size: () => bytes,
  };
}

/**
 * Cuts the call log back to what the checkpoint being resumed covers (`bytes`, when known), so the
 * calls of a unit that a kill or a failed call interrupted, which the resume redoes, are not logged
 * twice. Returns the file's length afterwards (0 when it does not exist).
 */
export async function alignCallLog(path: string, bytes: number | undefined): Promise<number> {
  const length = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  if (bytes === undefined || length <= bytes) return length;
  await truncate(path, bytes);
  return bytes;
}
