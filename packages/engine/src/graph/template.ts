/**
 * User-message templates of `llm` nodes.
 *
 * Syntax: `{{name}}` or `{{ name }}` (any spaces or tabs inside the braces), where `name` is an
 * edge's `targetInput`: a letter or `_`, then letters, digits or `_`.
 *
 * Literal braces: only a complete `{{ name }}` is a placeholder; single braces (`{ "a": 1 }`) are
 * always plain text. To write a literal `{{` in front of something that would otherwise be a
 * placeholder, put a backslash before it: `\{{name}}` renders as `{{name}}` and binds nothing.
 * A `{{` that does not form a placeholder (`{{ my var }}`, `{{name}`) is kept as text, and the
 * validator warns about it (`malformed_template`) because it is almost always a typo.
 *
 * Rendering is a single pass: a value that itself contains `{{x}}` is inserted verbatim and never
 * expanded, so an upstream model's output cannot inject template variables.
 */

/** One piece of a parsed template. `start`/`end` are offsets into the template text. */
export type TemplateSegment =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'variable'; name: string; start: number; end: number };

/** A `{{` that does not form a placeholder, with its offset, for the `malformed_template` warning. */
export interface MalformedPlaceholder {
  start: number;
  /** The text from `{{` to the end of its line (at most 40 characters), to quote in a message. */
  excerpt: string;
}

/** A template split into segments, plus the `{{` that do not form placeholders. */
export interface ParsedTemplate {
  segments: TemplateSegment[];
  malformed: MalformedPlaceholder[];
}

const TOKEN = /\\\{\{|\{\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\}\}|\{\{/g;

/** Splits a template into text and variable segments (escapes resolved) and finds malformed `{{`. */
export function parseTemplate(template: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  const malformed: MalformedPlaceholder[] = [];
  let text = '';
  let textStart = 0;
  let last = 0;
  const flushText = (end: number) => {
    if (text !== '') segments.push({ kind: 'text', text, start: textStart, end });
    text = '';
  };
  for (const match of template.matchAll(TOKEN)) {
    const start = match.index;
    text += template.slice(last, start);
    last = start + match[0].length;
    if (match[0] === '\\{{') {
      text += '{{';
    } else if (match[1] !== undefined) {
      flushText(start);
      segments.push({ kind: 'variable', name: match[1], start, end: last });
      textStart = last;
    } else {
      const lineEnd = template.indexOf('\n', start);
      const excerpt = template.slice(start, lineEnd === -1 ? undefined : lineEnd).slice(0, 40);
      malformed.push({ start, excerpt });
      text += '{{';
    }
  }
  text += template.slice(last);
  flushText(template.length);
  return { segments, malformed };
}

/** The variable names a template uses, each once, in order of first appearance. */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const segment of parseTemplate(template).segments) {
    if (segment.kind === 'variable') names.add(segment.name);
  }
  return [...names];
}

/** Thrown by {@link renderTemplate} when a template uses a variable that has no value. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    /** The variables without a value, in order of first appearance. */
    readonly missing: string[],
    /** The node whose template it is, when the caller said. */
    readonly nodeId?: string,
  ) {
    const vars = missing.map((m) => `{{${m}}}`).join(', ');
    const where = nodeId === undefined ? 'The template' : `The template of node "${nodeId}"`;
    super(
      `${where} uses ${vars} but no value was given for ${missing.length === 1 ? 'it' : 'them'}; ` +
        'connect an edge whose input name matches, or rename the placeholder.',
    );
  }
}

/**
 * The segments of recently rendered templates: a run renders each node's template once per call
 * with the same text, and parsing it again each time was a measurable share of the engine's own
 * CPU per call (bench 4). The parse is pure; the bound keeps a long session's edits from piling up.
 */
const recentSegments = new Map<string, readonly TemplateSegment[]>();
const RECENT_SEGMENTS_MAX = 256;

function segmentsOf(template: string): readonly TemplateSegment[] {
  let segments = recentSegments.get(template);
  if (segments === undefined) {
    if (recentSegments.size >= RECENT_SEGMENTS_MAX) recentSegments.clear();
    segments = parseTemplate(template).segments;
    recentSegments.set(template, segments);
  }
  return segments;
}

/**
 * Fills a template's placeholders from `values` (keyed by variable name). Throws a
 * {@link TemplateError} naming every missing variable (and `options.nodeId`) instead of silently
 * rendering an empty string. Extra values are ignored.
 */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  options: { nodeId?: string } = {},
): string {
  const segments = segmentsOf(template);
  const missing = new Set<string>();
  let out = '';
  for (const segment of segments) {
    if (segment.kind === 'text') {
      out += segment.text;
    } else if (Object.hasOwn(values, segment.name)) {
      out += values[segment.name];
    } else {
      missing.add(segment.name);
    }
  }
  if (missing.size > 0) throw new TemplateError([...missing], options.nodeId);
  return out;
}
