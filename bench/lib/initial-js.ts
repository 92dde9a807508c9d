/**
 * The initial JavaScript of a built studio: the scripts and module preloads index.html names
 * (lazy chunks loaded later by import() are not counted), with each file's raw and gzip size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One initial script. */
export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Scripts named by index.html in `root`, with sizes (gzip level 9, as a CDN would serve them). */
export function initialScripts(root: string): ScriptSize[] {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return srcs.map((src) => {
    const body = readFileSync(join(root, src.replace(/^\//, '')));
    return { file: src, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
}
