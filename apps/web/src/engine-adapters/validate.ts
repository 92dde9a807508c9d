/**
 * ADAPTER: validation of a workflow document for the canvas badges and the problems list, one
 * place between the studio and the engine's `validateWorkflow` (packages/engine/src/graph/).
 */

import type { Workflow } from '@backflow/engine';
import { validateWorkflow } from '@backflow/engine/graph/index.ts';
import type { Problem } from '@backflow/engine/graph/problems.ts';

/** Every problem of `doc`, errors first. */
export function validateDocument(doc: Workflow): Problem[] {
  return validateWorkflow(doc);
}
