// Pure derivations over a run's SessionEvent[] and CallRecord[] (no React): view models for the run views.
export * from './backward-view';
export * from './blame';
export * from './calls';
export * from './events';
export * from './gepa-pool';
export * from './metrics';
export * from './prompt-versions';
export * from './summary';
