import { decodeFileBytes } from './decode';

const utf16le = (text: string, bom = true) => {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[(bom ? 2 : 0) + i * 2] = c & 0xff;
    bytes[(bom ? 2 : 0) + i * 2 + 1] = c >> 8;
  }
  return bytes;
};
const swap = (bytes: Uint8Array) => bytes.map((_, i) => bytes[i % 2 === 0 ? i + 1 : i - 1]!);
const csv = 'question,target\nWhat is 2+2? ünïcode,4\n';

describe('decodeFileBytes', () => {
  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    const plain = new TextEncoder().encode(csv);
    expect(decodeFileBytes(plain)).toEqual({ ok: true, text: csv, encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeFileBytes(withBom)).toMatchObject({ ok: true, text: csv });
  });

  it('reads UTF-16 little- and big-endian with a BOM', () => {
    expect(decodeFileBytes(utf16le(csv))).toEqual({ ok: true, text: csv, encoding: 'utf-16le' });
    expect(decodeFileBytes(swap(utf16le(csv)))).toEqual({ ok: true, text: csv, encoding: 'utf-16be' });
  });

  it('detects BOM-less UTF-16 from its zero bytes', () => {
    expect(decodeFileBytes(utf16le(csv, false))).toMatchObject({ ok: true, text: csv, encoding: 'utf-16le' });
    expect(decodeFileBytes(swap(utf16le(csv, false)))).toMatchObject({ ok: true, encoding: 'utf-16be' });
  });

  it('names empty, binary and non-UTF-8 files instead of reading garbage', () => {
    expect(decodeFileBytes(new Uint8Array())).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeFileBytes(new TextEncoder().encode(' \n\t\n'))).toMatchObject({
      ok: false,
      reason: 'empty',
    });
    expect(decodeFileBytes(new Uint8Array([0xef, 0xbb, 0xbf]))).toMatchObject({ ok: false, reason: 'empty' });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x7a]);
    expect(decodeFileBytes(zip)).toMatchObject({ ok: false, reason: 'binary' });
    const latin1 = new Uint8Array([...new TextEncoder().encode('caf'), 0xe9, 0x0a]);
    const decoded = decodeFileBytes(latin1);
    expect(decoded).toMatchObject({ ok: false, reason: 'encoding' });
    expect(!decoded.ok && decoded.message).toContain('byte 0xE9 at offset 3');
  });
});
