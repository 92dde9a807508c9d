/**
 * A GEPA run's candidate pool: every candidate with its lineage and validation score, which ones
 * are on the Pareto frontier, the best (the run's result), and the chosen candidate's prompts as a
 * diff from the seed (the best unless another row is picked).
 */
import { memo, useState } from 'react';
import type { GepaPoolView } from '../derive/gepa-pool';
import { pct } from './format';
import { PromptDiffView } from './PromptDiffView';
import { BUTTON, Chip, HEADING, MUTED } from './primitives';

export interface GepaCandidatesProps {
  /** `gepaPool(events)`. */
  pool: GepaPoolView;
  plain?: boolean;
}

const CELL = 'px-1.5 py-0.5 align-middle';
const HEAD = `${CELL} whitespace-nowrap font-normal`;

export const GepaCandidates = memo(function GepaCandidates({ pool, plain = false }: GepaCandidatesProps) {
  const [picked, setPicked] = useState<number | null>(null);
  const chosen = pool.rows.find((r) => r.id === (picked ?? pool.best)) ?? pool.rows[0];
  const seed = pool.rows[0];
  return (
    <section className="flex flex-col gap-2" data-testid="gepa-candidates" aria-label="GEPA candidates">
      <span className={HEADING}>Candidates</span>
      <p className={MUTED}>
        Scored on {pool.paretoExamples} validation examples. The frontier keeps every candidate that is best
        on some example; the best mean is the run's result.
      </p>
      <table className="w-full text-left text-xs">
        <thead className={MUTED}>
          <tr>
            <th className={HEAD}>#</th>
            <th className={HEAD}>from</th>
            <th className={`${HEAD} text-right`}>iteration</th>
            <th className={`${HEAD} text-right`}>val score</th>
            <th className={`${HEAD} text-right`}>best on</th>
            <th className={HEAD}>
              <span className="sr-only">marks</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pool.rows.map((r) => (
            <tr
              key={r.id}
              data-testid="gepa-candidate"
              data-id={r.id}
              data-frontier={r.onFrontier}
              data-best={r.best}
              className={r.id === chosen?.id ? 'bg-sky-50 dark:bg-sky-950' : ''}
            >
              <td className={CELL}>
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() => setPicked(r.id)}
                  aria-pressed={r.id === chosen?.id}
                >
                  #{r.id}
                </button>
              </td>
              <td className={CELL}>
                {r.origin}
                {r.parents.length > 0 && (
                  <span className={MUTED}> of {r.parents.map((p) => `#${p}`).join(' + ')}</span>
                )}
              </td>
              <td className={`${CELL} text-right tabular-nums`}>{r.iteration}</td>
              <td className={`${CELL} text-right tabular-nums`} data-testid="gepa-candidate-score">
                {pct(r.valScore)}
              </td>
              <td className={`${CELL} text-right tabular-nums`}>
                {r.bestOn}/{pool.paretoExamples}
              </td>
              <td className={CELL}>
                <span className="flex gap-1">
                  {r.onFrontier && <Chip tone="good">frontier</Chip>}
                  {r.best && <Chip tone="good">best</Chip>}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && seed && (
        <div className="flex flex-col gap-1" data-testid="gepa-diff" data-id={chosen.id}>
          <span className="text-xs font-semibold">
            Candidate #{chosen.id}
            {chosen.best ? ' (the result)' : ''}:{' '}
            {chosen.changed.length === 0 ? 'the starting prompts' : 'changes from the start'}
          </span>
          {chosen.changed.map((nodeId) => (
            <PromptDiffView
              key={nodeId}
              before={seed.prompts[nodeId] ?? ''}
              after={chosen.prompts[nodeId] ?? ''}
              label={`${nodeId}: start → candidate #${chosen.id}`}
              beforeLabel={`${nodeId} · start`}
              afterLabel={`${nodeId} · #${chosen.id}`}
              plain={plain}
            />
          ))}
        </div>
      )}
    </section>
  );
});
