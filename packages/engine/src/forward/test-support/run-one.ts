import type { RunContext } from '../../context';
import type { Example } from '../../datasets/types';
import { type RunForwardArgs, runForward } from '../run';
import type { ExampleTrace } from '../types';

/** {@link runForward} for a single example (tests read one trace). */
export async function runForwardOnExample(
  ctx: RunContext,
  args: Omit<RunForwardArgs, 'examples'> & { example: Example },
): Promise<ExampleTrace> {
  const { example, ...rest } = args;
  const [trace] = await runForward(ctx, { ...rest, examples: [example] });
  return trace!;
}
