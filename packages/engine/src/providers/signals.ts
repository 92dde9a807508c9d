/**
 * Cancellation on the call path: a run's one AbortSignal reaches every limiter waiter and every
 * attempt of the run, and every HTTP request must be cut when it aborts, without the run's signal
 * collecting a listener per call and without an AbortSignal made per call where none is read.
 * A retry attempt has an {@link AttemptLink}; the SDK client takes it as its fetch options carry
 * it ({@link fetchOptionsCarrying}, {@link linkCarriedBy}) and aborts the SDK's own request
 * controller from it.
 */

/** What {@link watchAbort} keeps per signal: the cancels to call, and the one listener that calls them. */
interface AbortWatch {
  cancels: Set<() => void>;
  listener: () => void;
}

/** Per signal, while anything watches it (weak: a signal nobody holds goes with its entry). */
const watches = new WeakMap<AbortSignal, AbortWatch>();

/**
 * Calls `cancel` when `signal` aborts, with one listener on the signal however many watch it;
 * returns the unwatch, and the listener goes when the last watcher unwatches. A run's examples all
 * wait, and all their attempts run, with the run's one signal, and Node's EventTarget walks its
 * listener list on every add and remove: a listener per waiter made a 1,000-example pass
 * quadratic (a tenth of `backflow run`'s CPU against a zero-latency server), and one added and
 * removed per attempt cost more than the limiter itself.
 */
export function watchAbort(signal: AbortSignal, cancel: () => void): () => void {
  let entry = watches.get(signal);
  if (!entry) {
    const cancels = new Set<() => void>();
    const listener = () => {
      watches.delete(signal);
      for (const c of cancels) c();
    };
    entry = { cancels, listener };
    watches.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  const current = entry;
  current.cancels.add(cancel);
  return () => {
    const { cancels, listener } = current;
    cancels.delete(cancel);
    if (cancels.size > 0 || watches.get(signal) !== current) return;
    watches.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}

const noop = () => {};

/** The signal's reason as an Error (an AbortError when the reason is not one). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

/**
 * One piece of work's cancellation (a retry attempt, one request): aborted by a parent signal (the
 * run's) or by its owner (the attempt's timer), and passing that on to whatever the work started.
 * It makes no AbortSignal unless one is asked for.
 *
 * Why: the SDK client takes the link itself, so a call to an OpenAI-compatible endpoint needs no
 * AbortSignal of its own. On Node 20, an AbortSignal per attempt, the listener the SDK's request
 * needed on it and the SDK's own handling of a caller's signal cost about 30 µs of CPU a call
 * against a fast local server, a tenth of the call. Any other model gets a real signal
 * ({@link requestForAttempt}).
 */
export class AttemptLink {
  #aborted = false;
  #reason: unknown;
  #controller: AbortController | undefined;
  #cancels: (() => void)[] | undefined;
  #unwatch: () => void = noop;

  /** Follows `parent` (the run's signal) until {@link release}; starts aborted if it is. */
  constructor(parent?: AbortSignal) {
    if (parent?.aborted) this.abort(parent.reason);
    else if (parent) this.#unwatch = watchAbort(parent, () => this.abort(parent.reason));
  }

  /** Whether the attempt was aborted. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why: the run's reason, or the attempt timer's AttemptTimeoutError. */
  get reason(): unknown {
    return this.#reason;
  }

  /** A signal that follows this link, made on first read (for models that honour `request.signal`). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the attempt once: its signal if one was read, and every {@link onAbort} cancel. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const cancels = this.#cancels;
    this.#cancels = undefined;
    if (cancels) for (const cancel of cancels) cancel();
  }

  /** Calls `cancel` when the attempt aborts, at once if it already has. */
  onAbort(cancel: () => void): void {
    if (this.#aborted) cancel();
    else if (this.#cancels) this.#cancels.push(cancel);
    else this.#cancels = [cancel];
  }

  /** Lets go of the run's signal (the attempt is over). */
  release(): void {
    this.#unwatch();
    this.#unwatch = noop;
  }
}

/** The models that cancel from an attempt's link themselves (the OpenAI client). */
const linkTakers = new WeakSet<object>();

/** Marks `model` as one that finds an attempt's link with {@link attemptLinkOf} and needs no signal. */
export function takesAttemptLinks<M extends object>(model: M): M {
  linkTakers.add(model);
  return model;
}

/** The link of each attempt's request (weak, so nothing outlives the request). */
const links = new WeakMap<object, AttemptLink>();

/**
 * `request` for one attempt of `model`: a model marked by {@link takesAttemptLinks} gets the link
 * (found with {@link attemptLinkOf}) and no signal, so no AbortSignal is made; any other model
 * gets the link's signal.
 */
export function requestForAttempt<R extends { signal?: AbortSignal }>(
  model: object,
  request: R,
  link: AttemptLink,
): R {
  if (!linkTakers.has(model)) return { ...request, signal: link.signal };
  const linked = { ...request, signal: undefined };
  links.set(linked, link);
  return linked;
}

/** The attempt link of a request made by {@link requestForAttempt}, if it is one. */
export function attemptLinkOf(request: object): AttemptLink | undefined {
  return links.get(request);
}

/** The fetch-options key that carries a link to the SDK client's fetch (a symbol: fetch ignores it). */
const LINK_KEY: unique symbol = Symbol('backflow.attemptLink');

/**
 * Fetch options that carry `link` through the SDK to its fetchWithTimeout (the SDK copies a
 * request's `fetchOptions` into the init it gives that method); typed with no fetch option in it.
 */
export function fetchOptionsCarrying(link: AttemptLink): Record<never, never> {
  return { [LINK_KEY]: link };
}

/** The link a fetch init carries ({@link fetchOptionsCarrying}), if any. */
export function linkCarriedBy(init: RequestInit | undefined): AttemptLink | undefined {
  const link = (init as { [LINK_KEY]?: unknown } | undefined)?.[LINK_KEY];
  return link instanceof AttemptLink ? link : undefined;
}
