import { JS_LOSS_PARAMS, syntaxErrorOf } from '../code/function-runner';
import type { Problem } from './problems';
import type { Workflow } from './schema';

/**
 * Checks the parts of the loss that the schema cannot: a `regex` loss's pattern and flags must
 * build a RegExp, and a `js` loss's body must compile as `function (output, target, example)` (the
 * same compilation the loss runner does; nothing is run). Otherwise every example of a run would
 * fail to score, which `validate` should say before a run starts.
 */
export function checkLoss(loss: Workflow['loss']): Problem[] {
  if (loss.kind === 'regex') {
    try {
      new RegExp('', loss.flags);
    } catch {
      return [
        lossProblem(
          'invalid_value',
          'loss.flags',
          `The regex loss's flags "${loss.flags}" are not valid RegExp flags; use letters from d, g, i, m, s, u, v, y, each once (u and v not together).`,
        ),
      ];
    }
    try {
      new RegExp(loss.pattern, loss.flags);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return [
        lossProblem('invalid_value', 'loss.pattern', `The regex loss's pattern does not compile: ${why}.`),
      ];
    }
  }
  if (loss.kind === 'js') {
    const syntax = syntaxErrorOf(loss.code, JS_LOSS_PARAMS);
    if (syntax !== undefined) {
      return [
        lossProblem(
          'code_syntax_error',
          'loss.code',
          `The js loss does not compile as the body of function (output, target, example): ${syntax}.`,
        ),
      ];
    }
  }
  return [];
}

function lossProblem(code: Problem['code'], field: string, message: string): Problem {
  return { code, severity: 'error', field, path: field, message };
}
