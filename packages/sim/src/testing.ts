// Test and benchmark helpers (`@backflow/sim/testing`): a tiny forward executor, fixture readers,
// reference backward walks and the credit-assignment suites. Not part of the public index.

export { type Inbox, sembpWalk } from './test-support/backward-walk';
export {
  type CreditCase,
  type CreditFault,
  type CreditScore,
  creditCases,
  scoreCredit,
} from './test-support/credit-suites';
export { type BrokenReport, checkBrokenVariant } from './test-support/culprit-check';
export { parseExamples, parseWorkflow } from './test-support/fixture-files';
export { gtbpWalk, type Targets } from './test-support/gtbp-walk';
export {
  expectedFor,
  type NodeRun,
  runWorkflow,
  scoreRun,
  scoreWorkflow,
  topologicalOrder,
  type WorkflowRun,
} from './test-support/run-workflow';
