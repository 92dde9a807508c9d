import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** An append-only text file written in order, lines that arrive during a write going out together. */
export interface AppendQueue {
  /** Queues `text`; resolves once it is on disk. */
  append(text: string): Promise<void>;
  /** Resolves once everything queued so far is on disk. */
  flush(): Promise<void>;
}

/**
 * Appends to `path` in order, creating its folder before the first write. While one write is on
 * its way, what arrives is gathered and goes out in the next single write: a run with hundreds of
 * calls in flight makes a few dozen writes, not one open-append-close per line.
 */
export function openAppendQueue(path: string): AppendQueue {
  let queue: Promise<void> = Promise.resolve();
  let pending = '';
  let folderMade = false;
  const writePending = async () => {
    const text = pending;
    pending = '';
    if (!folderMade) {
      await mkdir(dirname(path), { recursive: true });
      folderMade = true;
    }
    await appendFile(path, text, 'utf8');
  };
  return {
    append(text) {
      // A write already scheduled (not yet started) takes this text too.
      if (pending === '') queue = queue.then(writePending);
      pending += text;
      return queue;
    },
    flush: () => queue,
  };
}
