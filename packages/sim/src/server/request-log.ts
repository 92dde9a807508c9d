/** The server's request log: one row per request, updated in place as the exchange ends. */
import type { RequestLogEntry } from './types';

export interface RequestLog {
  /** Appends a row and returns it, so the handler can fill in status and outcome later. */
  add(entry: RequestLogEntry): RequestLogEntry;
  /** Copies of the rows, oldest first. */
  entries(): RequestLogEntry[];
  clear(): void;
}

/** Creates a log that keeps the newest `limit` rows. */
export function createRequestLog(limit: number): RequestLog {
  let rows: RequestLogEntry[] = [];
  return {
    add(entry) {
      rows.push(entry);
      if (rows.length > limit) rows = rows.slice(rows.length - limit);
      return entry;
    },
    entries: () => rows.map((row) => ({ ...row })),
    clear() {
      rows = [];
    },
  };
}
