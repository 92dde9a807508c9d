/**
 * The canvas legend while a run is shown: what the node colours mean, which stored run and pass
 * they come from when a stored run is shown, and the backward flow on the edges (dashes running
 * from target to source) while the pass is being stepped.
 */
import { blameColour } from './blame-style';
import { useOptimize } from './context';

// Positive dash offset moves the dashes towards the edge's source: the flow runs backward.
const BACKWARD_EDGES = `
.react-flow__edge-path { stroke-dasharray: 6 4; animation: bf-backflow 0.6s linear infinite; }
@keyframes bf-backflow { to { stroke-dashoffset: 10; } }
`;

/** Legend and edge animation; nothing when no run is shown. */
export function BlameLegend() {
  const runId = useOptimize((s) => s.runId);
  // GEPA walks no graph backward: there is no blame to explain.
  const gepa = useOptimize((s) => s.form?.algorithm === 'gepa');
  const inPass = useOptimize((s) => s.backwardOrder.length > 0 && Object.keys(s.blame).length === 0);
  const stepping = useOptimize((s) => s.status === 'running' || s.status === 'paused');
  const storedLabel = useOptimize((s) => (s.stored ? `${s.stored.label} · iteration ${s.iteration}` : null));
  if (runId === null || gepa) return null;
  return (
    <div
      data-testid="blame-legend"
      className="absolute bottom-3 left-3 z-10 rounded border border-slate-200 bg-white/90 px-2 py-1.5 text-[11px] shadow-sm dark:border-slate-700 dark:bg-slate-900/90"
    >
      {inPass && stepping && <style>{BACKWARD_EDGES}</style>}
      <div className="font-semibold">Blame</div>
      {storedLabel && (
        <div data-testid="blame-legend-stored" className="text-violet-700 dark:text-violet-300">
          Stored run {storedLabel}
        </div>
      )}
      <div className="flex items-center gap-1">
        <span>0</span>
        <span
          className="h-2 w-24 rounded"
          style={{
            background: `linear-gradient(to right, ${blameColour(0)}, ${blameColour(0.5)}, ${blameColour(1)})`,
          }}
        />
        <span>1</span>
      </div>
      <div className="max-w-[15rem] text-slate-600 dark:text-slate-300" data-testid="blame-legend-badge">
        “blame 0.50 · fixes 2/2”: the figure, and how many failing examples the node’s update alone fixed
      </div>
      <div className="flex items-center gap-1">
        <span
          className="inline-block h-2 w-2 rounded-full"
          style={{ boxShadow: '0 0 0 2px rgb(14 165 233 / 0.8)' }}
        />
        current node of the backward pass
      </div>
    </div>
  );
}
