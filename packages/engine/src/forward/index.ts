export { abortErrorOf } from './abort';
export { llmMessages } from './node-steps';
export { type ForwardPlan, type PlannedInput, type PlannedNode, planForward } from './plan';
export { type RunForwardArgs, runForward } from './run';
export type { ExampleTrace, ForwardEvent, NodeStatus, NodeTrace } from './types';
