// Test helpers for tests in other packages (`@backflow/engine/testing`): never imported by shipped
// code, so nothing here reaches the studio's or the CLI's bundles.
export * from './optim/test-support/fixtures';
export * from './report/test-support/inert-markdown';
