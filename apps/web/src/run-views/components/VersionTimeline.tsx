/**
 * A node's prompt versions over a run: pick any two to diff, revert to any earlier one (the host
 * applies the revert as one undoable document step).
 */
import { memo, useState } from 'react';
import { INPUT } from '../../inspector/fields';
import type { PromptVersion } from '../derive/prompt-versions';
import { pct } from './format';
import { PromptDiffView } from './PromptDiffView';
import { BUTTON, HEADING, MUTED } from './primitives';

export interface VersionTimelineProps {
  nodeId: string;
  versions: readonly PromptVersion[];
  /** Called with the version to restore; absent hides the buttons. */
  onRevert?: (nodeId: string, version: PromptVersion) => void;
  plain?: boolean;
}

function describe(v: PromptVersion): string {
  if (v.source === 'initial') return `v0 · initial`;
  const scores =
    v.before !== undefined && v.after !== undefined ? ` · ${pct(v.before)} → ${pct(v.after)}` : '';
  return `v${v.version} · iteration ${v.iteration} · ${v.source === 'edited' ? 'edited' : 'proposed'}${scores}`;
}

/** One end of the diff: a pick of the versions. */
function VersionSelect(props: {
  label: string;
  versions: readonly PromptVersion[];
  value: number;
  onChange(version: number): void;
}) {
  return (
    <label className="flex items-center gap-1">
      {props.label}
      <select className={INPUT} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The timeline with a two-version diff. */
export const VersionTimeline = memo(function VersionTimeline({
  nodeId,
  versions,
  onRevert,
  plain,
}: VersionTimelineProps) {
  const last = versions.length - 1;
  // null = follow the newest pair, so a live run's timeline keeps showing its latest change until
  // the person picks versions themselves.
  const [picked, setPicked] = useState<{ a: number; b: number } | null>(null);
  const a = Math.min(picked?.a ?? Math.max(0, last - 1), last);
  const b = Math.min(picked?.b ?? last, last);
  const setA = (v: number) => setPicked({ a: v, b });
  const setB = (v: number) => setPicked({ a, b: v });
  const va = versions[a];
  const vb = versions[b];
  if (versions.length === 0) return <p className={MUTED}>No prompt versions yet.</p>;
  return (
    <section
      className="flex flex-col gap-2"
      data-testid="version-timeline"
      aria-label={`Prompt versions of ${nodeId}`}
    >
      <span className={HEADING}>Prompt versions</span>
      <ol className="flex flex-col gap-1 text-xs">
        {versions.map((v) => (
          <li key={v.version} className="flex items-center gap-2" data-testid="prompt-version">
            <span className="flex-1">{describe(v)}</span>
            {onRevert && v.version !== last && (
              <button
                type="button"
                className={BUTTON}
                onClick={() => onRevert(nodeId, v)}
                aria-label={`Revert ${nodeId} to version ${v.version}`}
              >
                Revert
              </button>
            )}
          </li>
        ))}
      </ol>
      {versions.length > 1 && va && vb && (
        <>
          <div className="flex items-center gap-2 text-xs">
            <VersionSelect label="from" versions={versions} value={a} onChange={setA} />
            <VersionSelect label="to" versions={versions} value={b} onChange={setB} />
          </div>
          <PromptDiffView
            before={va.prompt}
            after={vb.prompt}
            label={`${nodeId} v${va.version} → v${vb.version}`}
            beforeLabel={`v${va.version}`}
            afterLabel={`v${vb.version}`}
            {...(plain ? { plain } : {})}
          />
        </>
      )}
    </section>
  );
});
