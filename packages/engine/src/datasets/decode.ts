/**
 * Bytes of a file a person picked (a workflow, a dataset) -> text, the way an editor would open
 * it: UTF-8 (with or without a byte-order mark) or UTF-16 (with a BOM, or without one when every
 * other byte is zero, as Windows tools write it). Files that are empty, binary or in another
 * encoding are named as such instead of being read as garbage. Uses only `TextDecoder`, so the
 * studio (File -> ArrayBuffer) and the CLI (fs) decode alike.
 */

/** The encodings a file can be read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The outcome of {@link decodeFileBytes}. */
export type DecodedFile =
  | { ok: true; text: string; encoding: TextEncodingName }
  | {
      ok: false;
      /** `empty`: no bytes (or only a BOM / whitespace); `binary`: not text; `encoding`: text, but not UTF-8/16. */
      reason: 'empty' | 'binary' | 'encoding';
      /** A short phrase to follow the file's name, e.g. "is empty". */
      message: string;
    };

/** Bytes looked at to guess BOM-less UTF-16 and binary files (git looks at 8,000 for NULs). */
const SNIFF_BYTES = 8000;

/**
 * Decodes a file's bytes (see the module comment). The BOM is removed from the text. A NUL byte
 * in the first 8,000 bytes of a file that is not UTF-16 marks it binary (git's rule); bytes that
 * are not valid UTF-8 are refused with their offset rather than replaced, so no character is lost
 * silently.
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedFile {
  const encoding = sniffEncoding(bytes);
  let text: string;
  if (encoding === 'binary')
    return { ok: false, reason: 'binary', message: 'looks binary (it has NUL bytes), not text' };
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if (encoding !== 'utf-8')
      return { ok: false, reason: 'encoding', message: `is not valid ${encoding.toUpperCase()} text` };
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: 'encoding',
      message: `is not UTF-8 text (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase()} at offset ${at}); save it as UTF-8`,
    };
  }
  if (text.trim() === '') return { ok: false, reason: 'empty', message: 'is empty' };
  return { ok: true, text, encoding };
}

function sniffEncoding(bytes: Uint8Array): TextEncodingName | 'binary' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  if (evenZeros + oddZeros === 0) return 'utf-8';
  // ASCII-range text in UTF-16 has a zero in every other byte and almost none in the others.
  const half = n / 2;
  if (n >= 4 && n % 2 === 0) {
    if (oddZeros >= half * 0.4 && evenZeros <= half * 0.05) return 'utf-16le';
    if (evenZeros >= half * 0.4 && oddZeros <= half * 0.05) return 'utf-16be';
  }
  return 'binary';
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search for the longest prefix that decodes (in stream mode a multi-byte sequence cut
  // at its end is not an error): the bad byte comes right after it.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // Byte `lo` revealed the error; a multi-byte sequence it cuts short started at its lead byte.
  for (let k = lo - 1; k >= Math.max(0, lo - 3); k--) {
    const b = bytes[k]!;
    if (b >= 0xc0) return k;
    if (b < 0x80) break;
  }
  return lo;
}
