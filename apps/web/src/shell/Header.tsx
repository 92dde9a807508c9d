/** Top bar with the product name; actions are added by the features that own them. */
export function Header() {
  return (
    <header className="flex h-11 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-base font-semibold tracking-tight">Backflow</h1>
      <span className="text-xs text-slate-500">multi-LLM workflow studio</span>
    </header>
  );
}
