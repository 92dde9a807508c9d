/**
 * The loss editor's pure side: each loss kind's defaults (switching kind keeps nothing of the old
 * one's parameters that would not fit) and what is wrong with a spec before it is run, said in a
 * sentence (a bad regex or JS says why).
 */
import { DEFAULT_LOSS, JS_LOSS_PARAMS, type LossSpec, syntaxErrorOf } from '@backflow/engine';

export type LossKindName = LossSpec['kind'];

/** The kinds in the order the editor offers them, with what each does. */
export const LOSS_KINDS: { kind: LossKindName; label: string; hint: string }[] = [
  {
    kind: 'exact',
    label: 'Exact match',
    hint: 'The answer equals the target (after the normalisations below).',
  },
  {
    kind: 'numeric',
    label: 'Numeric',
    hint: 'The final number in the answer is within the tolerance of the target.',
  },
  {
    kind: 'choice',
    label: 'Choice (label)',
    hint: 'The answer commits to the target label among the allowed labels.',
  },
  { kind: 'contains', label: 'Contains', hint: 'The target appears somewhere in the answer.' },
  {
    kind: 'f1',
    label: 'Token F1',
    hint: 'HotpotQA/SQuAD token F1 of the answer against the target, after the official normalisation.',
  },
  {
    kind: 'em',
    label: 'Exact match (normalised)',
    hint: 'HotpotQA/SQuAD exact match after the official normalisation (case, articles, punctuation).',
  },
  {
    kind: 'regex',
    label: 'Regular expression',
    hint: 'With a capture group (named "answer", else group 1) the last match must equal the target; without one, the answer must match.',
  },
  {
    kind: 'js',
    label: 'JavaScript',
    hint: 'Body of function (output, target, example); return a number in [0, 1] or {score, feedback}.',
  },
  {
    kind: 'judge',
    label: 'LLM judge',
    hint: 'The optimizer model grades the answer with your rubric (one call per example).',
  },
];

/** A fresh spec of `kind` with the engine's defaults. */
export function defaultLoss(kind: LossKindName): LossSpec {
  switch (kind) {
    case 'exact':
      return { ...DEFAULT_LOSS };
    case 'numeric':
      return { kind, tolerance: 1e-6 };
    case 'choice':
      return { kind, labels: [] };
    case 'contains':
      return { kind, caseSensitive: false };
    case 'f1':
      return { kind };
    case 'em':
      return { kind };
    case 'regex':
      return { kind, pattern: 'answer:\\s*(.+)', flags: 'i' };
    case 'js':
      return { kind, code: 'return output.trim() === target.trim() ? 1 : 0;' };
    case 'judge':
      return {
        kind,
        rubric: 'The answer is correct and complete compared with the target.',
        passThreshold: 1,
      };
  }
}

/** What is wrong with `spec` before any example is scored, or null. */
export function lossProblem(spec: LossSpec): string | null {
  switch (spec.kind) {
    case 'regex':
      return regexProblem(spec.pattern, spec.flags);
    case 'js':
      return jsProblem(spec.code);
    case 'judge':
      return spec.rubric.trim() === '' ? 'The rubric is empty: say what a good answer is.' : null;
    case 'numeric':
      return Number.isFinite(spec.tolerance) && spec.tolerance >= 0
        ? null
        : 'The tolerance must be 0 or more.';
    default:
      return null;
  }
}

function regexProblem(pattern: string, flags: string): string | null {
  if (pattern === '') return 'The pattern is empty.';
  const bad = [...flags].find((f) => !'dgimsuvy'.includes(f));
  if (bad) return `"${bad}" is not a regular expression flag (use d, g, i, m, s, u, v or y).`;
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (err) {
    return `The pattern does not compile: ${(err as Error).message}.`;
  }
}

function jsProblem(code: string): string | null {
  if (code.trim() === '') return 'The code is empty: return a score.';
  // Compiled as the engine's runners compile it, never run (the sandbox runs it when an example is
  // scored); a page whose CSP forbids compiling says nothing about the code.
  const syntax = syntaxErrorOf(code, JS_LOSS_PARAMS);
  return syntax === undefined ? null : `The code does not compile: ${syntax}.`;
}
