/** Each node's prompt at the end of a run, and what changed since the run started (its diff). */
import { memo } from 'react';
import type { PromptVersion } from '../derive/prompt-versions';
import { PromptDiffView } from './PromptDiffView';
import { Chip, HEADING, MUTED, TextBlock } from './primitives';

export interface FinalPromptsProps {
  /** `promptVersions(events, initialWorkflow)`: the first version is the start, the last the end. */
  versions: Readonly<Record<string, readonly PromptVersion[]>>;
  plain?: boolean;
}

/** The list, in the order of the versions (the workflow's node order). */
export const FinalPrompts = memo(function FinalPrompts({ versions, plain = false }: FinalPromptsProps) {
  const nodes = Object.entries(versions);
  return (
    <section className="flex flex-col gap-2" data-testid="final-prompts" aria-label="Final prompts">
      <span className={HEADING}>Final prompts</span>
      {nodes.length === 0 && <p className={MUTED}>No prompts recorded.</p>}
      {nodes.map(([nodeId, list]) => {
        const start = list[0];
        const end = list.at(-1);
        if (!start || !end) return null;
        const changed = end.prompt !== start.prompt;
        return (
          <div key={nodeId} className="flex flex-col gap-1" data-testid="final-prompt" data-node-id={nodeId}>
            <div className="flex items-center gap-2 text-xs">
              <span className="font-mono">{nodeId}</span>
              <Chip tone={changed ? 'good' : 'plain'}>
                {changed ? `changed · v${end.version}, iteration ${end.iteration}` : 'unchanged'}
              </Chip>
            </div>
            <TextBlock text={end.prompt} testId="final-prompt-text" />
            {changed && (
              <PromptDiffView
                before={start.prompt}
                after={end.prompt}
                label={`${nodeId}: start → final`}
                beforeLabel="start"
                afterLabel="final"
                plain={plain}
              />
            )}
          </div>
        );
      })}
    </section>
  );
});
