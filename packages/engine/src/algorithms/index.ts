// Public API of the algorithms: each one's definition and the registry that names them.
export type * from './definition';
export { ALGORITHM_NAMES, algorithmDefinition, algorithmRegistry } from './registry';
