/**
 * A prompt as a list of segments (sentences, lines, or the engine's "claims") with the skills each
 * one asks for. Edits found by search are applied here so that every sentence the edit does not
 * touch is kept verbatim: the optimizer changes what it must and nothing else.
 */
import { phraseStep, phraseSteps, stepsOf } from './parse';
import type { SkillStep } from './skills/types';

/** One sentence or claim: its text (without trailing whitespace), the whitespace after it, its steps. */
export interface Segment {
  body: string;
  tail: string;
  steps: SkillStep[];
}

/** A segment after an edit; `from` is the index of the original segment it came from, if any. */
export interface EditedSegment extends Segment {
  from?: number;
  changed: boolean;
}

/** One change to a skill sequence, addressed by flat step index. */
export type StepEdit =
  | { kind: 'add'; at: number; step: SkillStep }
  | { kind: 'remove'; at: number }
  | { kind: 'replace'; at: number; step: SkillStep }
  | { kind: 'swap'; at: number };

/** Is `c` a letter? (Used to tell an apostrophe in "don't" from a closing quote.) */
function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}

/**
 * Splits text into sentences and lines; quoted literals ('Total: ' or "a. b") never split. The
 * pieces concatenate back to the original text exactly.
 */
export function splitSentences(text: string): { body: string; tail: string }[] {
  const out: { body: string; tail: string }[] = [];
  let start = 0;
  let quote: string | null = null;
  let i = 0;
  const cut = (end: number) => {
    let j = end;
    while (j < text.length && /\s/.test(text[j] ?? '')) j++;
    if (end > start) out.push({ body: text.slice(start, end), tail: text.slice(end, j) });
    else if (out.length > 0 && j > end) (out.at(-1) as { tail: string }).tail += text.slice(end, j);
    start = j;
    return j;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (quote === null) {
      if (c === '"' || c === '\u201c') quote = c === '"' ? '"' : '\u201d';
      else if (c === "'" && !isLetter(text[i - 1])) quote = "'";
      else if (c === '\n') {
        i = cut(i);
        continue;
      } else if ('.!?'.includes(c) && (i + 1 >= text.length || /\s/.test(text[i + 1] ?? ''))) {
        i = cut(i + 1);
        continue;
      }
    } else if (c === quote && !(quote === "'" && isLetter(text[i - 1]) && isLetter(text[i + 1]))) {
      quote = null;
    } else if (c === '\n') {
      quote = null; // an unbalanced quote never swallows the next line
      i = cut(i);
      continue;
    }
    i++;
  }
  cut(text.length);
  return out;
}

/** The prompt's segments with the skills each asks for. */
export function segmentPrompt(prompt: string): Segment[] {
  return splitSentences(prompt).map((p) => ({ ...p, steps: stepsOf(p.body) }));
}

/** Segments from already-split claims (GTBP): each claim is one segment. */
export function segmentClaims(claims: readonly { text: string }[]): Segment[] {
  return claims.map((c) => ({ body: c.text, tail: '\n', steps: stepsOf(c.text) }));
}

/** All steps of the segments, in order. */
export function flatSteps(segments: readonly Segment[]): SkillStep[] {
  return segments.flatMap((s) => s.steps);
}

/** Applies an edit to a flat step list (pure). */
export function applyEdit(steps: readonly SkillStep[], edit: StepEdit): SkillStep[] {
  const out = steps.slice();
  if (edit.kind === 'add') out.splice(edit.at, 0, edit.step);
  else if (edit.kind === 'remove') out.splice(edit.at, 1);
  else if (edit.kind === 'replace') out[edit.at] = edit.step;
  else {
    const a = out[edit.at];
    const b = out[edit.at + 1];
    if (a && b) {
      out[edit.at] = b;
      out[edit.at + 1] = a;
    }
  }
  return out;
}

/** Which segment holds flat step `at`, and where inside it. */
function locate(segments: readonly Segment[], at: number): { seg: number; k: number } | undefined {
  let seen = 0;
  for (let seg = 0; seg < segments.length; seg++) {
    const n = segments[seg]?.steps.length ?? 0;
    if (at < seen + n) return { seg, k: at - seen };
    seen += n;
  }
  return undefined;
}

/** A segment whose steps changed gets a freshly phrased body (dropped when it has no step left). */
function rephrase(seg: EditedSegment, steps: SkillStep[]): EditedSegment | null {
  if (steps.length === 0) return null;
  const body = steps.length === 1 ? `${phraseStep(steps[0] as SkillStep)}.` : phraseSteps(steps);
  return { ...seg, body, steps, changed: true };
}

/**
 * Applies `edit` at segment level: untouched segments keep their text; a segment whose step changed
 * is rephrased canonically; an added step becomes a new sentence next to its neighbour.
 */
export function editSegments(segments: readonly Segment[], edit: StepEdit): EditedSegment[] {
  const out: (EditedSegment | null)[] = segments.map((s, i) => ({ ...s, from: i, changed: false }));
  const separator = segments.some((s) => s.tail.includes('\n')) ? '\n' : ' ';
  if (edit.kind === 'add') {
    const fresh: EditedSegment = {
      body: `${phraseStep(edit.step)}.`,
      tail: separator,
      steps: [edit.step],
      changed: true,
    };
    const before = edit.at > 0 ? locate(segments, edit.at - 1) : undefined;
    const first = locate(segments, 0);
    const index = before ? before.seg + 1 : first ? first.seg : segments.length;
    out.splice(index, 0, fresh);
  } else {
    const here = locate(segments, edit.at);
    const seg = here ? out[here.seg] : undefined;
    if (!here || !seg) return out.filter((s): s is EditedSegment => s !== null);
    if (edit.kind === 'remove') {
      out[here.seg] = rephrase(
        seg,
        seg.steps.filter((_, k) => k !== here.k),
      );
    } else if (edit.kind === 'replace') {
      out[here.seg] = rephrase(
        seg,
        seg.steps.map((s, k) => (k === here.k ? edit.step : s)),
      );
    } else {
      const next = locate(segments, edit.at + 1);
      const other = next ? out[next.seg] : undefined;
      if (next && other && next.seg === here.seg) {
        out[here.seg] = rephrase(seg, applyEdit(seg.steps, { kind: 'swap', at: here.k }));
      } else if (next && other) {
        // Two single-step sentences trade places verbatim; mixed sentences are rephrased.
        if (seg.steps.length === 1 && other.steps.length === 1) {
          // Each position keeps its identity (claim id); only the text moves.
          out[here.seg] = { ...other, tail: seg.tail, from: seg.from, changed: true };
          out[next.seg] = { ...seg, tail: other.tail, from: other.from, changed: true };
        } else {
          const a = seg.steps.slice();
          const b = other.steps.slice();
          const last = a.length - 1;
          [a[last], b[0]] = [b[0] as SkillStep, a[last] as SkillStep];
          out[here.seg] = rephrase(seg, a);
          out[next.seg] = rephrase(other, b);
        }
      }
    }
  }
  return out.filter((s): s is EditedSegment => s !== null);
}

/** Joins segments back into a prompt, making sure sentences stay separated. */
export function joinSegments(segments: readonly Segment[]): string {
  return segments
    .map((s, i) => (i < segments.length - 1 && s.tail === '' ? `${s.body} ` : `${s.body}${s.tail}`))
    .join('')
    .trimEnd();
}
