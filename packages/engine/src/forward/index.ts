export { runForward } from './run';
export type { ExampleTrace, ForwardEvent, NodeTrace } from './types';
