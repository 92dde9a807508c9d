// The run views of issue 5 (everything a person sees about an optimization run except the canvas
// colouring): pure derivations over SessionEvent[] + CallRecord[], memoised components taking plain
// props, and the run report export. See apps/web/CONTEXT.md, "Run views", for props and mount points.
export { BackwardTab, BackwardTabForRun, type BackwardTabProps } from './components/BackwardTab';
export { CallBody, CallDetails, CallFacts } from './components/CallDetails';
export { CallLog, type CallLogProps } from './components/CallLog';
export { ExportRunButtons, type ExportRunButtonsProps, runExportFiles } from './components/ExportRunButtons';
export { FinalPrompts, type FinalPromptsProps } from './components/FinalPrompts';
export { GepaCandidates, type GepaCandidatesProps } from './components/GepaCandidates';
export { MetricCurves, type MetricCurvesProps } from './components/MetricCurves';
export { PromptDiff, type PromptDiffProps } from './components/PromptDiff';
export { PromptDiffView } from './components/PromptDiffView';
export { type CompareSide, RunCompare, type RunCompareProps } from './components/RunCompare';
export { RunHistory, type RunHistoryItem, type RunHistoryProps } from './components/RunHistory';
export { TextDiff } from './components/TextDiff';
export { VersionTimeline, type VersionTimelineProps } from './components/VersionTimeline';
export * from './derive/call-filter';
export * from './derive/curve-data';
export * from './derive/index';
export * from './derive/side-by-side';
export * from './report/index';
