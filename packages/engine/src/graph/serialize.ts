/**
 * Canonical JSON for workflow documents. Key order is fixed (known keys in schema order, unknown
 * keys alphabetically after them) so the same document always produces the same bytes, whatever
 * order an editor or another tool inserted its keys in.
 */

/** Known keys in the order a person reads a document: identity first, then content, then layout. */
const KEY_ORDER = [
  // document
  'format',
  'version',
  'id',
  'name',
  'description',
  'nodes',
  'edges',
  'loss',
  'defaults',
  'updatedAt',
  // nodes and edges
  'kind',
  'label',
  'role',
  'fields',
  'systemPrompt',
  'userTemplate',
  'trainable',
  'model',
  'temperature',
  'code',
  'targetKey',
  'source',
  'sourceField',
  'target',
  'targetInput',
  'position',
  'x',
  'y',
];
const RANK = new Map(KEY_ORDER.map((key, i) => [key, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? Number.POSITIVE_INFINITY;
  const rb = RANK.get(b) ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) out[key] = canonicalize(child);
  }
  return out;
}

/**
 * A workflow document (or any JSON value) as 2-space JSON with canonical key order and a final
 * newline. parse -> serialise -> parse gives an identical value and serialising twice identical
 * text, so documents diff cleanly in version control.
 */
export function serializeCanonical(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}
