/**
 * Module inversion by hand: walk a node's steps backwards from the output it should give and
 * propose pre-images (texts the node could have been given), then strip the template's constant
 * text to get a value for the single input. Guesses only; the caller re-runs the node to keep the
 * ones that really produce the desired output. This is what lets a desired value travel up a chain
 * through labels, case changes and unit conversions.
 */
import type { SkillParams, SkillStep } from '../skills/types';
import { formatNumber, mapNumbers, wordsOf } from '../text';

const MAX_PREIMAGES = 16;

/** Texts that `skill` could have turned into `output`; the output itself when nothing better is known. */
function preimages(step: SkillStep, output: string): string[] {
  const { n, text = '' }: SkillParams = step.params;
  switch (step.skill) {
    case 'prefix': {
      const label = `${text} `;
      return output.startsWith(label)
        ? [output.slice(label.length)]
        : output.startsWith(text)
          ? [output.slice(text.length)]
          : [];
    }
    case 'suffix':
      return output.endsWith(text) ? [output.slice(0, output.length - text.length).trimEnd()] : [];
    case 'upper_case':
      return [output.toLowerCase(), output];
    case 'capitalize_first':
      return [output, output.replace(/\p{L}/u, (c) => c.toLowerCase())];
    case 'join':
      return text === '' ? [output] : [output.split(text).join('\n')];
    case 'reverse_words':
      return [wordsOf(output).reverse().join(' ')];
    case 'scale':
      return n ? [mapNumbers(output, (v) => formatNumber(v / n))] : [output];
    case 'offset':
      return [mapNumbers(output, (v) => formatNumber(v - (n ?? 1)))];
    case 'celsius_to_fahrenheit':
      return [mapNumbers(output, (f) => formatNumber(((f - 32) * 5) / 9))];
    default:
      return [output];
  }
}

/** Pre-images of `desired` under the whole step sequence (at most MAX_PREIMAGES). */
export function invertSteps(steps: readonly SkillStep[], desired: string): string[] {
  let layer = [desired];
  for (const step of [...steps].reverse()) {
    const next = new Set<string>();
    for (const out of layer)
      for (const pre of preimages(step, out)) if (next.size < MAX_PREIMAGES) next.add(pre);
    layer = [...next];
  }
  return layer;
}

/**
 * The value of the template's only placeholder, given a whole rendered message: the constant text
 * before and after the placeholder is stripped. Undefined for templates with several placeholders
 * (their other inputs' parts cannot be told apart here).
 */
export function valueFromRendered(template: string, rendered: string): string | undefined {
  const parts = template.split(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/);
  return parts.length === 2 ? valueBetween(parts[0] ?? '', parts[1] ?? '', rendered) : undefined;
}

/** What `rendered` holds between the constant texts `before` and `after` (all trimmed), if they frame it. */
export function valueBetween(before: string, after: string, rendered: string): string | undefined {
  const trimmed = rendered.trim();
  const head = before.trim();
  const tail = after.trim();
  if (!trimmed.startsWith(head) || !trimmed.endsWith(tail)) return undefined;
  return trimmed.slice(head.length, trimmed.length - tail.length).trim();
}

/** Candidate input values for a single-input node that should have produced `desired`. */
export function invertNode(steps: readonly SkillStep[], template: string, desired: string): string[] {
  const out = new Set<string>();
  for (const rendered of invertSteps(steps, desired)) {
    const value = valueFromRendered(template, rendered);
    if (value !== undefined && value !== '') out.add(value);
  }
  return [...out];
}
