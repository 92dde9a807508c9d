import * as z from 'zod';
import type { AlgorithmSettingsPart } from '../definition';

/**
 * TextGrad's settings: none of its own; its ablation shows the edge gradients the other inputs as
 * `{{name}}` placeholders instead of their values (`textgradMaskSiblings`; the reference code shows
 * the whole formatted input).
 */
export const textgradSettings = {
  shape: {},
  input: {},
  defaults: {},
  ablations: { textgradMaskSiblings: z.boolean().default(false) },
} satisfies AlgorithmSettingsPart;
