// Public API of the node kinds: one definition per kind and the registry.
export type * from './definition';
export * from './registry';
