import { existsSync, readFileSync } from 'node:fs';
import type { CachedResponse, ResponseCache } from '@backflow/engine';
import { openAppendQueue } from '../cli/append-queue';
import { dataError } from '../cli/exit-codes';

/** A {@link ResponseCache} kept in a JSON-lines file, plus what loading it found. */
export interface FileCache extends ResponseCache {
  /** Entries loaded from the file at start. */
  readonly loaded: number;
  /** Lines that could not be read (e.g. the last line of a process killed mid-write), skipped. */
  readonly skipped: number;
  /** Entries appended by this process. */
  readonly appended: number;
  /** Resolves once every append so far is on disk. */
  flush(): Promise<void>;
}

interface CacheLine {
  key: string;
  value: CachedResponse;
}

function isCacheLine(value: unknown): value is CacheLine {
  const line = value as Partial<CacheLine> | null;
  return (
    typeof line?.key === 'string' &&
    typeof line.value?.text === 'string' &&
    typeof line.value.model === 'string' &&
    typeof line.value.usage?.inputTokens === 'number' &&
    typeof line.value.usage.outputTokens === 'number'
  );
}

/**
 * Opens (or creates on first write) a file-backed response cache: one JSON object per line,
 * `{"key": ..., "value": {"text", "usage", "model"}}`, append-only, read once at start. Appends go
 * out in order (those that arrive during a write go out together); a line torn by a kill is
 * skipped on the next load, and the next append starts on a fresh line so it is not glued to the
 * torn one. Later lines win over earlier ones.
 */
export function openFileCache(path: string): FileCache {
  const entries = new Map<string, CachedResponse>();
  let skipped = 0;
  let needsNewline = false;
  if (existsSync(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw dataError(`cannot read the cache file ${path}: ${(error as Error).message}.`);
    }
    needsNewline = text.length > 0 && !text.endsWith('\n');
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      try {
        const line: unknown = JSON.parse(raw);
        if (isCacheLine(line)) entries.set(line.key, line.value);
        else skipped++;
      } catch {
        skipped++;
      }
    }
  }
  const loaded = entries.size;
  let appended = 0;
  const file = openAppendQueue(path);

  return {
    loaded,
    skipped,
    get appended() {
      return appended;
    },
    async get(key) {
      const hit = entries.get(key);
      return hit ? structuredClone(hit) : undefined;
    },
    set(key, value) {
      const plain: CachedResponse = {
        text: value.text,
        usage: { inputTokens: value.usage.inputTokens, outputTokens: value.usage.outputTokens },
        model: value.model,
      };
      entries.set(key, plain);
      const line = `${needsNewline ? '\n' : ''}${JSON.stringify({ key, value: plain })}\n`;
      needsNewline = false;
      appended++;
      return file.append(line);
    },
    flush: () => file.flush(),
  };
}
