// Public API of the workflow document model: schema, reading/writing, validation, graph queries
// and templates.
export * from './check';
export * from './document';
export * from './json-limits';
export * from './loss-spec';
export * from './problems';
export { findForbiddenKeys, parseJsonText } from './raw-json';
export * from './schema';
export { serializeCanonical } from './serialize';
export * from './template';
export * from './topology';
export { type ValidateOptions, validateWorkflow } from './validate';
