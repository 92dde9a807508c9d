/**
 * Messages between the studio and its code sandbox Worker ({@link ./code-sandbox.worker.ts}).
 * One request in, one answer out: the Worker never sends anything else, and the host ignores any
 * message that does not answer the request it is waiting for.
 */

/** Run `function (inputs) { <code> }` once. */
export interface SandboxRequest {
  type: 'run';
  /** Matches the answer to the request (a Worker runs one request at a time). */
  id: number;
  code: string;
  inputs: Record<string, string>;
}

/** What the code produced, or why it did not. */
export type SandboxAnswer =
  | { type: 'result'; id: number; ok: true; text: string }
  | { type: 'result'; id: number; ok: false; reason: 'compile' | 'throw'; message: string };

/** Whether `data` is the answer to request `id` (user code cannot forge one: it has no postMessage). */
export function isAnswerTo(data: unknown, id: number): data is SandboxAnswer {
  const answer = data as Partial<SandboxAnswer> | null;
  return (
    typeof answer === 'object' &&
    answer !== null &&
    answer.type === 'result' &&
    answer.id === id &&
    typeof answer.ok === 'boolean'
  );
}
