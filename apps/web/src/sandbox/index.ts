export { BLOCKED_GLOBALS, FORBIDDEN_SOURCE, type Lockdown, lockDown } from './lockdown';
export { isAnswerTo, type SandboxAnswer, type SandboxRequest } from './protocol';
export { createSandboxCodeRunner, type SandboxCodeRunner, type SandboxRunnerOptions } from './sandbox-runner';
