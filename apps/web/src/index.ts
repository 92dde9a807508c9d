// The studio's building blocks for later issues (optimization panels, the worker host): import
// from here rather than reaching into files. `main.tsx` is the app entry; this is not bundled
// on its own.
export { CANVAS_ACTIONS, type CanvasAction } from './canvas/actions';
export { simulatedBase, testConnection } from './engine-adapters/models';
export { attachPersistence, type Persistence } from './persistence/attach';
export { exportBundle, importBundle, stripSecrets } from './persistence/bundle';
export { type BackflowDb, openBackflowDb } from './persistence/db';
export * from './persistence/projects';
export { runForwardInStudio } from './run/run-forward';
export * from './settings/provider-settings';
export { connectNodes } from './store/connect';
export { createStudioStore, type StudioStore } from './store/create-store';
export * from './store/doc-ops';
export { StudioProvider, useStudio, useStudioStore } from './store/react';
export * from './store/selectors';
export type { StudioState } from './store/studio-state';
