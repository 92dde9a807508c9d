export { createFunctionCodeRunner, JS_LOSS_PARAMS, syntaxErrorOf } from './function-runner';
export { describeThrown, resultToText } from './result-text';
export { CodeRunError, type CodeRunner, type CodeRunOptions, DEFAULT_CODE_TIMEOUT_MS } from './types';
