import { constants, createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { DATASET_JSON_LIMITS, decodeFileBytes, JSON_LIMITS } from '@backflow/engine';
import { CliError, dataError, usageError } from './exit-codes';

/** Resolves a path given on the command line against the working directory. */
export function resolvePath(cwd: string, path: string): string {
  return resolve(cwd, path);
}

/** Largest file each reader accepts, checked before reading (docs/cli.md, docs/file-formats.md). */
export const MAX_FILE_BYTES = {
  workflow: JSON_LIMITS.maxChars,
  dataset: DATASET_JSON_LIMITS.maxChars,
  checkpoint: DATASET_JSON_LIMITS.maxChars,
  'arms file': JSON_LIMITS.maxChars,
} as const;

/**
 * Reads a text file named on the command line: its size is checked before it is read, and its
 * bytes are decoded by the engine (UTF-8 or UTF-16, BOM or not). A missing, unreadable, oversized,
 * empty, binary or wrongly encoded file is a data error (exit 1) with the path and the reason in
 * one line.
 */
export async function readTextFile(path: string, what: keyof typeof MAX_FILE_BYTES): Promise<string> {
  const fail = (why: string) => dataError(`cannot read the ${what} ${path}: ${why}.`);
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw fail('it is a directory');
    const limit = MAX_FILE_BYTES[what];
    const tooLarge = (size: string) =>
      fail(`it has ${size}; the limit for a ${what} is ${mebibytes(limit)} MiB`);
    if (info.size > limit) throw tooLarge(`${mebibytes(info.size)} MiB`);
    // A pipe (`<(cat w.json)`) or a device (`/dev/zero`) has no size on disk: read it up to the limit.
    bytes = info.isFile()
      ? await readFile(path)
      : await readUpTo(path, limit, () => tooLarge(`more than ${mebibytes(limit)} MiB`));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error),
    );
  }
  const decoded = decodeFileBytes(bytes);
  if (!decoded.ok) throw fail(`it ${decoded.message}`);
  return decoded.text;
}

/** Reads a stream of unknown length, stopping with `tooLarge()` as soon as it passes `limit` bytes. */
async function readUpTo(path: string, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = await openStream(path);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A readable stream of a pipe or device. A named pipe is read through the event loop (non-blocking
 * descriptor in a socket): a blocking read would park a libuv pool thread, and `process.exit`
 * waits for those, so Ctrl+C or `timeout` could not end a command waiting on a silent writer.
 */
async function openStream(path: string): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  if (!(await stat(path)).isFIFO()) return createReadStream(path);
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  return new Socket({ fd: handle.fd, readable: true, writable: false });
}

function mebibytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0);
}

/**
 * Writes a file so that a reader (or a process killed mid-write) never sees it half-written: the
 * text goes to a temporary file in the same directory, which is then renamed over the target
 * (rename is atomic within one file system).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    // Nothing half-done is left behind: the temporary file goes, the target keeps its old text.
    await rm(temp, { force: true });
    throw dataError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}

/** What is at `path`: a file, a directory, or nothing (`undefined`). */
async function kindAt(path: string): Promise<'file' | 'directory' | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info === undefined ? undefined : info.isDirectory() ? 'directory' : 'file';
}

/**
 * Checks, before any work starts, that `path` can become a directory (`--out DIR`): it is one
 * already or does not exist, and its nearest existing ancestor is a directory. Otherwise a usage
 * error (exit 2) names the flag, so an hour of optimization never ends in a failed write.
 */
export async function requireOutputDir(path: string, flag: string): Promise<void> {
  const kind = await kindAt(path);
  if (kind === 'file') throw usageError(`--${flag} ${path} is an existing file; name a directory.`);
  if (kind === undefined) await requireDirectoryAncestor(path, flag);
}

/** Like {@link requireOutputDir} for a file to write (`--out FILE`): not a directory, parents creatable. */
export async function requireWritableFile(path: string, flag: string): Promise<void> {
  const kind = await kindAt(path);
  if (kind === 'directory') throw usageError(`--${flag} ${path} is a directory; name a file.`);
  await requireDirectoryAncestor(path, flag);
}

async function requireDirectoryAncestor(path: string, flag: string): Promise<void> {
  for (let parent = dirname(path); ; parent = dirname(parent)) {
    const kind = await kindAt(parent);
    if (kind === 'file') throw usageError(`--${flag} ${path}: ${parent} is a file, not a directory.`);
    if (kind === 'directory' || dirname(parent) === parent) return;
  }
}
