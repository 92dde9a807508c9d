import * as z from 'zod';

/** Ids are used in templates, file names and CSS selectors: keep them simple. */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'use letters, digits, "_", "-" or "." (and start with a letter or digit)',
  );

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

const nodeCommon = {
  id: idSchema,
  /** Short human name shown on the canvas; defaults to the id. */
  label: z.string().max(200).optional(),
  position: positionSchema,
};

/**
 * The schema of one node kind: the fields every node has (id, label, position), its `kind` tag,
 * then its own fields, strict (an unknown key is a problem, not silently dropped). Each
 * `nodes/<kind>.ts` builds its piece of the document's node union with this.
 */
export function nodeSchema<K extends string, S extends z.ZodRawShape>(kind: K, own: S) {
  return z.object({ ...nodeCommon, kind: z.literal(kind), ...own }).strict();
}
