import { createGtbpRule } from '../algorithms/gtbp/backward';
import { createSemanticRule } from '../algorithms/sembp/backward';
import { createTextgradRule } from '../algorithms/textgrad/backward';
import { computeBlame } from '../backward/blame';
import { backwardOrder } from '../backward/walk';
import { runForward } from '../forward/run';
import { scoreExample } from '../loss/score';
import type { EngineParts } from './parts';
import type { SessionSettings } from './settings';

/**
 * The real engine parts, configured from a session's settings: forward/'s executor, loss/'s
 * scorer, backward/'s rules (semantic backprop in the chosen gradient variant, both papers' steps in the chosen backward mode) and its blame.
 */
export function defaultParts(settings: SessionSettings): EngineParts {
  return {
    runForward: (ctx, args) => runForward(ctx, args),
    scoreExample: (ctx, workflow, example, trace, opts) => scoreExample(ctx, workflow, example, trace, opts),
    backwardRules: {
      sembp: createSemanticRule({
        variant: settings.sembpGradient,
        noSiblings: settings.ablations.sembpNoSiblings,
        mode: settings.backwardMode,
      }),
      textgrad: createTextgradRule({ maskSiblings: settings.ablations.textgradMaskSiblings }),
      gtbp: createGtbpRule({ reconcile: !settings.ablations.gtbpNoReconcile, mode: settings.backwardMode }),
    },
    backwardOrder,
    computeBlame,
  };
}
