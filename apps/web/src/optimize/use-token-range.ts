/** The Optimize panel's counted token range: the tokenizer loads on first use, counts are memoised. */
import type { Example, PreflightEstimate, PriceTable, Workflow } from '@backflow/engine';
import { useEffect, useMemo, useState } from 'react';
import {
  forwardCallTokens,
  loadTokenCounter,
  type TokenCounter,
  type TokenRange,
  tokenRange,
} from './token-preflight';

/** The range for `estimate`, or null while the tokenizer loads (or without an estimate). */
export function useTokenRange(
  estimate: PreflightEstimate | null,
  workflow: Workflow,
  examples: readonly Example[],
  prices: PriceTable,
): TokenRange | null {
  const [count, setCount] = useState<TokenCounter | null>(null);
  useEffect(() => {
    let live = true;
    void loadTokenCounter().then((counter) => {
      if (live) setCount(() => counter);
    });
    return () => {
      live = false;
    };
  }, []);
  // Counting walks the prompts and a sample of examples: once per document and dataset version.
  const perCall = useMemo(
    () => (count ? forwardCallTokens(workflow, examples, count) : null),
    [count, workflow, examples],
  );
  return useMemo(
    () => (estimate && perCall !== null ? tokenRange(estimate, perCall, prices) : null),
    [estimate, perCall, prices],
  );
}
