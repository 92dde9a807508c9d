import { type AlgorithmName, algorithmRegistry } from '../algorithms/registry';
import { computeBlame } from '../backward/blame';
import { backwardOrder } from '../backward/walk';
import { runForward } from '../forward/run';
import { scoreExample } from '../loss/score';
import type { BackwardRuleLike, EngineParts } from './parts';
import type { SessionSettings } from './settings';

/**
 * The real engine parts, configured from a session's settings: forward/'s executor, loss/'s
 * scorer, every registered algorithm's backward rule configured from the settings (variants,
 * ablations, backward mode), and backward/'s walk order and blame.
 */
export function defaultParts(settings: SessionSettings): EngineParts {
  return {
    runForward: (ctx, args) => runForward(ctx, args),
    scoreExample: (ctx, workflow, example, trace, opts) => scoreExample(ctx, workflow, example, trace, opts),
    backwardRules: backwardRulesFor(settings),
    backwardOrder,
    computeBlame,
  };
}

/** The backward rule of every registered algorithm that has one, configured from `settings`. */
function backwardRulesFor(settings: SessionSettings): EngineParts['backwardRules'] {
  const rules: Partial<Record<AlgorithmName, BackwardRuleLike>> = {};
  for (const [name, definition] of Object.entries(algorithmRegistry)) {
    if (definition.backwardRule) rules[name as AlgorithmName] = definition.backwardRule(settings);
  }
  return rules;
}
