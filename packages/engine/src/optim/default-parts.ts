import { computeBlame } from '../backward/blame';
import { createGtbpRule } from '../backward/gtbp';
import { createSemanticRule } from '../backward/semantic';
import { createTextgradRule } from '../backward/textgrad';
import { backwardOrder } from '../backward/walk';
import { runForward } from '../forward/run';
import { scoreExample } from '../loss/score';
import type { EngineParts } from './parts';
import type { SessionSettings } from './settings';

/**
 * The real engine parts, configured from a session's settings: forward/'s executor, loss/'s
 * scorer, backward/'s rules (semantic backprop in the chosen gradient variant) and its blame.
 */
export function defaultParts(settings: SessionSettings): EngineParts {
  return {
    runForward: (ctx, args) => runForward(ctx, args),
    scoreExample: (ctx, workflow, example, trace, opts) => scoreExample(ctx, workflow, example, trace, opts),
    backwardRules: {
      sembp: createSemanticRule({
        variant: settings.sembpGradient,
        noSiblings: settings.ablations.sembpNoSiblings,
      }),
      textgrad: createTextgradRule({ maskSiblings: settings.ablations.textgradMaskSiblings }),
      gtbp: createGtbpRule({ reconcile: !settings.ablations.gtbpNoReconcile }),
    },
    backwardOrder,
    computeBlame,
  };
}
