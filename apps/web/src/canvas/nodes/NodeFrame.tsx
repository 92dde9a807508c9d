/**
 * The common frame of every node on the canvas: kind stripe, label, validation badge, body, and
 * the latest run output. Each node subscribes only to its own badge and run state (primitives
 * or per-node objects), so one node changing never re-renders the other 499.
 */
import type { WorkflowNode } from '@backflow/engine';
import type { ReactNode } from 'react';
import { backwardFrameProps, blameBadgeText, parseLook } from '../../optimize/blame-style';
import { useBackwardLook } from '../../optimize/context';
import { useStudio } from '../../store/react';
import { badgeOf } from '../../store/selectors';

/** Frame shared by the node components. */
export function NodeFrame({
  node,
  kindView,
  selected,
  children,
}: {
  node: WorkflowNode;
  /** The kind's name and stripe colour (its view in canvas/nodes/<kind>.tsx). */
  kindView: { name: string; colour: string };
  selected: boolean;
  children?: ReactNode;
}) {
  const badge = useStudio((s) => badgeOf(s, node.id));
  const look = useBackwardLook(node.id);
  const backward = backwardFrameProps(look);
  const blameText = blameBadgeText(parseLook(look));
  return (
    <div
      {...backward}
      className={`bf-node relative w-60 overflow-visible rounded-lg border bg-white text-xs shadow-sm dark:bg-slate-900 ${
        selected ? 'border-sky-500 ring-2 ring-sky-400/50' : 'border-slate-300 dark:border-slate-700'
      }`}
      data-testid={`node-${node.id}`}
      data-kind={node.kind}
    >
      {blameText && (
        <span
          data-testid="node-blame-badge"
          className="absolute -top-5 right-0 whitespace-nowrap rounded bg-white/95 px-1 text-[10px] font-semibold text-slate-700 shadow-sm dark:bg-slate-900/95 dark:text-slate-200"
          title="Blame figure (as in the Backward tab and the report) and how many of its failing examples the node's update alone fixed"
        >
          {blameText}
        </span>
      )}
      <div className={`h-1 rounded-t-lg ${kindView.colour}`} />
      <div className="flex items-center gap-2 px-2.5 pt-1.5">
        <span className="text-[10px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          {kindView.name}
        </span>
        <span
          className="min-w-0 flex-1 truncate font-semibold text-slate-800 dark:text-slate-100"
          title={node.id}
        >
          {node.label || node.id}
        </span>
        {badge && (
          <span
            className={`rounded px-1 text-[10px] font-semibold ${
              badge === 'error'
                ? 'bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300'
                : 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300'
            }`}
            data-testid="node-badge"
            title={
              badge === 'error'
                ? 'This node has errors: see Problems'
                : 'This node has warnings: see Problems'
            }
          >
            {badge === 'error' ? '!' : '⚠'}
          </span>
        )}
      </div>
      <div className="px-2.5 pb-2 pt-1">{children}</div>
      <RunOutput nodeId={node.id} />
    </div>
  );
}

function RunOutput({ nodeId }: { nodeId: string }) {
  const run = useStudio((s) => s.run.nodes[nodeId]);
  if (!run) return null;
  const colour =
    run.status === 'ok'
      ? 'text-slate-700 dark:text-slate-200'
      : run.status === 'running'
        ? 'text-sky-600'
        : 'text-red-600 dark:text-red-400';
  return (
    <div
      className="border-t border-slate-200 px-2.5 py-1.5 dark:border-slate-700"
      data-testid="node-output"
      data-status={run.status}
    >
      <div className={`line-clamp-2 whitespace-pre-wrap break-words font-mono text-[10.5px] ${colour}`}>
        {run.status === 'running' ? run.output || 'running…' : run.status === 'ok' ? run.output : run.error}
      </div>
      {run.latencyMs !== undefined && (
        <div className="mt-0.5 text-[10px] text-slate-500">
          {Math.round(run.latencyMs)} ms
          {run.outputTokens !== undefined ? ` · ${(run.inputTokens ?? 0) + run.outputTokens} tok` : ''}
        </div>
      )}
    </div>
  );
}
