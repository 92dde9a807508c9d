/**
 * Where frame time goes, from a Chromium trace (Trace Event Format, as `browser.startTracing`
 * writes it): self time of the renderer main thread split into script / style+layout / paint and
 * the rest, plus the busy time of the renderer's compositor thread, its raster tasks and the
 * display compositor (viz). In headless Chromium with --disable-gpu, raster and draw are done in
 * software on those threads, which is where a pan frame can spend its time without any script.
 * Times are thread (CPU) time where the trace recorded it (`tdur`), else wall time: on a shared
 * machine a descheduled thread would otherwise count the other processes' time as its own.
 */

/** One trace event (only the fields this module reads). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) duration, when the trace recorded it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Milliseconds per category over the traced interval. */
export interface TraceBreakdown {
  /** Renderer main thread, self time by category. */
  script: number;
  styleLayout: number;
  paint: number;
  gc: number;
  otherMain: number;
  /** Renderer compositor thread (cc), busy time. */
  compositor: number;
  /** Raster tasks of the renderer (software raster in the thread pool), busy time. */
  raster: number;
  /** Display compositor of the GPU/viz process (software draw and swap), busy time. */
  viz: number;
}

/** Categories of main-thread event names; a nested unknown event inherits its parent's category. */
const CATEGORY: Record<string, keyof TraceBreakdown> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  FireIdleCallback: 'script',
  RunMicrotasks: 'script',
  'v8.compile': 'script',
  'v8.compileModule': 'script',
  'v8.evaluateModule': 'script',
  'v8.callFunction': 'script',
  'v8.run': 'script',
  'v8.execute': 'script',
  XHRReadyStateChange: 'script',
  ResizeObserverController: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GCFinalizeMC': 'gc',
  'V8.GCIncrementalMarking': 'gc',
  BlinkGC: 'gc',
  UpdateLayoutTree: 'styleLayout',
  RecalculateStyles: 'styleLayout',
  ParseAuthorStyleSheet: 'styleLayout',
  Layout: 'styleLayout',
  HitTest: 'styleLayout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  'LocalFrameView::RunPaintLifecyclePhase': 'paint',
};

type ThreadRole = 'main' | 'compositor' | 'pool' | 'viz' | null;

function roleOf(threadName: string): ThreadRole {
  if (threadName === 'CrRendererMain') return 'main';
  if (threadName === 'Compositor') return 'compositor';
  // Tile raster runs in the thread pool (ThreadPoolForegroundWorker, CompositorTileWorker in
  // older builds); only its RasterTask spans are counted.
  if (threadName.startsWith('ThreadPoolForegroundWorker') || threadName.startsWith('CompositorTileWorker'))
    return 'pool';
  if (threadName === 'VizCompositorThread') return 'viz';
  return null;
}

/** Complete ('X') events of one thread, sorted so that a parent comes before its children. */
function sortedSpans(events: TraceEvent[]): TraceEvent[] {
  return events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/** Thread time of a span, else its wall time (microseconds). */
function spanTime(e: TraceEvent): number {
  return e.tdur ?? e.dur ?? 0;
}

/** Time of the top-level spans (nested events are not counted twice). */
function busyTime(spans: TraceEvent[]): number {
  let total = 0;
  let end = -Infinity;
  for (const e of spans) {
    if (e.ts < end) continue;
    total += spanTime(e);
    end = e.ts + (e.dur ?? 0);
  }
  return total;
}

/** Self time per category on one main thread: each event's time minus its children's. */
function mainThreadSelfTimes(spans: TraceEvent[], into: TraceBreakdown): void {
  const stack: { end: number; category: keyof TraceBreakdown | null; self: number }[] = [];
  const close = (until: number) => {
    for (let top = stack.at(-1); top && top.end <= until; top = stack.at(-1)) {
      stack.pop();
      // A child's wall time may exceed its parent's thread time: never a negative self time.
      into[top.category ?? 'otherMain'] += Math.max(0, top.self);
    }
  };
  for (const e of spans) {
    close(e.ts);
    const parent = stack.at(-1);
    if (parent) parent.self -= spanTime(e);
    const category = CATEGORY[e.name] ?? parent?.category ?? null;
    stack.push({ end: e.ts + (e.dur ?? 0), category, self: spanTime(e) });
  }
  close(Infinity);
}

/** Breaks the traced time down by thread and category (milliseconds, over the whole trace). */
export function traceBreakdown(events: readonly TraceEvent[]): TraceBreakdown {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!roleOf(names.get(key) ?? '')) continue;
    const list = byThread.get(key) ?? [];
    if (list.length === 0) byThread.set(key, list);
    list.push(e);
  }
  const us: TraceBreakdown = {
    script: 0,
    styleLayout: 0,
    paint: 0,
    gc: 0,
    otherMain: 0,
    compositor: 0,
    raster: 0,
    viz: 0,
  };
  for (const [key, list] of byThread) {
    const role = roleOf(names.get(key) ?? '');
    const spans = sortedSpans(list);
    if (role === 'main') mainThreadSelfTimes(spans, us);
    else if (role === 'pool') us.raster += busyTime(spans.filter((e) => e.name === 'RasterTask'));
    else if (role) us[role] += busyTime(spans);
  }
  const ms = { ...us };
  for (const k of Object.keys(ms) as (keyof TraceBreakdown)[]) ms[k] = us[k] / 1000;
  return ms;
}

/** The same breakdown divided by a number of frames (milliseconds per frame). */
export function perFrame(total: TraceBreakdown, frames: number): TraceBreakdown {
  const out = { ...total };
  for (const k of Object.keys(out) as (keyof TraceBreakdown)[]) out[k] = frames > 0 ? total[k] / frames : 0;
  return out;
}
