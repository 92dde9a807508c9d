import * as z from 'zod';
import { NODE_SCHEMAS } from '../nodes/registry';
import { DEFAULT_LOSS, lossSpecSchema } from './loss-spec';
import { idSchema } from './node-common';

/** The format tag every workflow document carries. */
export const WORKFLOW_FORMAT = 'backflow.workflow';
/** The workflow document version this build writes. Older versions are migrated on read. */
export const WORKFLOW_VERSION = 1;

/**
 * Any workflow node: the union of every registered kind's schema (`nodes/<kind>.ts`, listed in
 * `nodes/registry.ts`), told apart by `kind`.
 */
export const workflowNodeSchema = z.discriminatedUnion('kind', NODE_SCHEMAS);

/** Connects an upstream node's output to a named input of a downstream node. */
export const workflowEdgeSchema = z
  .object({
    id: idSchema,
    source: idSchema,
    /** For an `input` source: which of its fields flows along this edge. */
    sourceField: z.string().min(1).optional(),
    target: idSchema,
    /** The input name on the target; an llm target refers to it as `{{targetInput}}`. */
    targetInput: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use a template-friendly name like "question"'),
  })
  .strict();

export const workflowSchema = z
  .object({
    format: z.literal(WORKFLOW_FORMAT),
    version: z.literal(WORKFLOW_VERSION),
    id: idSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).default(''),
    nodes: z.array(workflowNodeSchema),
    edges: z.array(workflowEdgeSchema),
    loss: lossSpecSchema.default(() => ({ ...DEFAULT_LOSS })),
    /** The model used when a node has no override; filled from settings when absent. */
    defaults: z
      .object({ model: z.string().min(1).optional(), temperature: z.number().min(0).max(2).optional() })
      .strict()
      .default({}),
    updatedAt: z.string().optional(),
  })
  .strict();

export type { CodeNode } from '../nodes/code';
export type { InputNode } from '../nodes/input';
export type { LlmNode } from '../nodes/llm';
export type { OutputNode } from '../nodes/output';
export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
export type NodeKind = WorkflowNode['kind'];
