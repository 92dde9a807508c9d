import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { dataError } from './exit-codes';

/** Resolves a path given on the command line against the working directory. */
export function resolvePath(cwd: string, path: string): string {
  return resolve(cwd, path);
}

/**
 * Reads a text file named on the command line; a missing or unreadable file is a data error
 * (exit 1) with the path and the reason in one line.
 */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw dataError(`cannot read the ${what} ${path}: ${why}.`);
  }
}

/**
 * Writes a file so that a reader (or a process killed mid-write) never sees it half-written: the
 * text goes to a temporary file in the same directory, which is then renamed over the target
 * (rename is atomic within one file system).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}
