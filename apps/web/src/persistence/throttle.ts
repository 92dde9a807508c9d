/**
 * Coalesces a stream of values into at most one write per `delayMs`, always writing the latest.
 * `flush()` writes now (page hidden, tab closing); nothing is written before `enable()` so a save
 * cannot overwrite stored data with the empty document shown while the initial load runs.
 */
export interface ThrottledWriter<T> {
  push(value: T): void;
  flush(): Promise<void>;
  enable(): void;
  /** Drops anything pending and writes nothing more (the store is going away). */
  stop(): void;
  /** True when a value is waiting to be written. */
  readonly pending: boolean;
}

/** Creates a {@link ThrottledWriter} around `write`. Timers come from `timers` (default: globals). */
export function createThrottledWriter<T>(
  write: (value: T) => Promise<void>,
  delayMs = 300,
  // Wrapped in arrows: a browser throws "Illegal invocation" when setTimeout runs with another `this`.
  timers: {
    set: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
    clear: (t: ReturnType<typeof setTimeout>) => void;
  } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (t) => clearTimeout(t),
  },
): ThrottledWriter<T> {
  let enabled = false;
  let latest: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const drain = (): Promise<void> => {
    if (timer) timers.clear(timer);
    timer = null;
    if (!enabled || !latest) return chain;
    const { value } = latest;
    latest = null;
    // Writes run one after another so an older snapshot never lands after a newer one.
    chain = chain
      .then(() => write(value))
      .catch((err: unknown) => console.error('Backflow: save failed', err));
    return chain;
  };

  return {
    push(value) {
      latest = { value };
      if (enabled && !timer) timer = timers.set(() => void drain(), delayMs);
    },
    flush: drain,
    enable() {
      enabled = true;
      if (latest && !timer) timer = timers.set(() => void drain(), delayMs);
    },
    stop() {
      enabled = false;
      latest = null;
      if (timer) timers.clear(timer);
      timer = null;
    },
    get pending() {
      return latest !== null;
    },
  };
}
