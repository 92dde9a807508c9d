import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, in the message: "The studio", "This panel". */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Catches a render error below it and shows what failed with a way out, instead of React
 * unmounting the whole page to a blank screen. Stored data is never touched here: "Try again"
 * re-renders, "Reload" starts the studio afresh (which sets unreadable stored rows aside).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Backflow: ${this.props.area} failed to render`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div
        role="alert"
        className="m-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        data-testid="render-error"
      >
        <p className="font-semibold">{this.props.area} hit an error and could not be shown.</p>
        <p className="mt-1 break-words font-mono text-xs [unicode-bidi:isolate]">{error.message}</p>
        <p className="mt-1 text-xs">Everything saved before this is still stored.</p>
        <div className="mt-2 flex gap-2">
          <button
            type="button"
            className="rounded bg-red-700 px-2 py-1 text-xs font-semibold text-white"
            onClick={() => this.setState({ error: null })}
          >
            Try again
          </button>
          <button
            type="button"
            className="rounded border border-red-400 px-2 py-1 text-xs"
            onClick={() => location.reload()}
          >
            Reload
          </button>
        </div>
      </div>
    );
  }
}
