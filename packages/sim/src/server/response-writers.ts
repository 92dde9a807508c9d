/**
 * Writing an answer to the wire, or failing to on purpose: a JSON body or an SSE stream, either
 * complete, cut off half-way (truncate) or broken (malformed).
 */
import type { ServerResponse } from 'node:http';
import type { FaultKind, RequestLogEntry } from './types';

/** Sends a JSON completion body, applying a truncate or malformed fault. */
export function sendBody(
  res: ServerResponse,
  body: string,
  fault: FaultKind | null,
  entry: RequestLogEntry,
): void {
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
  if (fault === 'truncate') {
    // The promised Content-Length never arrives: the client sees the connection drop mid-body.
    res.writeHead(200, headers);
    res.write(body.slice(0, Math.floor(body.length / 2)), () => res.destroy());
    return;
  }
  if (fault === 'malformed') {
    const broken = `${body.slice(0, Math.floor(body.length / 2))}<!-- simulated malformed body`;
    res.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(broken)) });
    res.end(broken);
    return;
  }
  res.writeHead(200, headers);
  res.end(body);
  entry.outcome = 'answered';
}

export interface StreamOptions {
  fault: FaultKind | null;
  entry: RequestLogEntry;
  chunkDelayMs: number;
}

/**
 * Sends SSE `data:` events then `data: [DONE]`. With a chunk delay the events go out one timer at
 * a time and stop as soon as the response closes: `res` 'close', not `req` 'close', which fires
 * once the request body has been read (TOOLCHAIN.md).
 */
export function sendStream(res: ServerResponse, chunks: string[], options: StreamOptions): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  let events = chunks.map((c) => `data: ${c}\n\n`);
  let finish: () => void = () => {
    res.end('data: [DONE]\n\n');
    options.entry.outcome = 'answered';
  };
  if (options.fault === 'truncate') {
    // The role chunk and part of the content, then the connection drops: no finish_reason, no [DONE].
    events = events.slice(0, Math.max(1, Math.floor((events.length - 1) / 2)));
    finish = () => res.destroy();
  } else if (options.fault === 'malformed') {
    events = [events[0] ?? '', 'data: {"id": "chatcmpl-broken", "choices": [\n\n'];
    finish = () => res.end('data: [DONE]\n\n');
  }
  if (options.chunkDelayMs <= 0) {
    // Truncation must flush what it sent before the socket goes, hence the write callback.
    res.write(events.join(''), () => finish());
    return;
  }
  writePaced(res, events, options.chunkDelayMs, finish);
}

function writePaced(res: ServerResponse, events: string[], delayMs: number, finish: () => void): void {
  let index = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  res.once('close', () => clearTimeout(timer));
  const next = () => {
    if (res.destroyed) return;
    if (index >= events.length) {
      finish();
      return;
    }
    res.write(events[index++] as string);
    timer = setTimeout(next, delayMs);
  };
  next();
}
