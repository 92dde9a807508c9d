import { perFrame, type TraceEvent, traceBreakdown } from './frame-trace';

const thread = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  ts: 0,
  pid,
  tid,
  args: { name },
});
const span = (tid: number, name: string, ts: number, dur: number, tdur?: number): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur,
  pid: 1,
  tid,
  ...(tdur === undefined ? {} : { tdur }),
});

const MAIN = 10;
const POOL = 11;
const COMPOSITOR = 12;
const VIZ = 20;
const OTHER = 13;

const metadata = [
  thread(1, MAIN, 'CrRendererMain'),
  thread(1, POOL, 'ThreadPoolForegroundWorker'),
  thread(1, COMPOSITOR, 'Compositor'),
  thread(1, OTHER, 'Chrome_ChildIOThread'),
  thread(2, VIZ, 'VizCompositorThread'),
];

/** The breakdown of a trace of the given spans on the threads named in `metadata`. */
const breakdownOf = (...spans: TraceEvent[]) => traceBreakdown([...metadata, ...spans]);

describe('traceBreakdown', () => {
  it('splits main-thread self time by category; unknown events inherit their parent category', () => {
    const b = breakdownOf(
      // A task of 10 ms: 1 ms of its own, an input event with 4 ms of script (of which 1 ms in an
      // unnamed V8 helper, counted as script), then 3 ms of style and layout and 2 ms of paint.
      span(MAIN, 'ThreadControllerImpl::RunTask', 0, 10_000),
      span(MAIN, 'EventDispatch', 0, 4_000),
      span(MAIN, 'V8.SomeHelper', 1_000, 1_000),
      span(MAIN, 'UpdateLayoutTree', 4_000, 1_000),
      span(MAIN, 'Layout', 5_000, 2_000),
      span(MAIN, 'Paint', 7_000, 2_000),
    );
    expect(b.script).toBeCloseTo(4);
    expect(b.styleLayout).toBeCloseTo(3);
    expect(b.paint).toBeCloseTo(2);
    expect(b.otherMain).toBeCloseTo(1);
    expect(b.gc).toBe(0);
  });

  it('counts raster tasks of the pool, the compositor and viz, but not unrelated threads', () => {
    const b = breakdownOf(
      span(POOL, 'ThreadPool_RunTask', 0, 6_000),
      span(POOL, 'RasterTask', 1_000, 5_000),
      span(POOL, 'SomethingElse', 10_000, 3_000),
      span(COMPOSITOR, 'ThreadControllerImpl::RunTask', 0, 2_000),
      span(COMPOSITOR, 'LayerTreeHostImpl::PrepareToDraw', 500, 1_000),
      { ...span(VIZ, 'ThreadControllerImpl::RunTask', 0, 1_500), pid: 2 },
      span(OTHER, 'ThreadControllerImpl::RunTask', 0, 9_000),
    );
    expect(b.raster).toBeCloseTo(5);
    expect(b.compositor).toBeCloseTo(2);
    expect(b.viz).toBeCloseTo(1.5);
    expect(b.script + b.styleLayout + b.paint + b.otherMain).toBe(0);
  });

  it('prefers thread time over wall time, and never counts a negative self time', () => {
    const b = breakdownOf(
      // Descheduled for half of its 8 ms: 4 ms of CPU; its child has no thread time recorded.
      span(MAIN, 'FunctionCall', 0, 8_000, 4_000),
      span(MAIN, 'Layout', 1_000, 6_000),
    );
    expect(b.script).toBe(0);
    expect(b.styleLayout).toBeCloseTo(6);
  });

  it('divides by the number of frames', () => {
    const b = breakdownOf(span(MAIN, 'Paint', 0, 30_000));
    expect(perFrame(b, 10).paint).toBeCloseTo(3);
    expect(perFrame(b, 0).paint).toBe(0);
  });
});
