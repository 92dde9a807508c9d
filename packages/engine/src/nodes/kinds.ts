import { codeNodeKind } from './code';
import { inputNodeKind } from './input';
import { llmNodeKind } from './llm';
import { outputNodeKind } from './output';

/**
 * Every node kind: the one list. Adding a kind is its file in nodes/ and one entry here (and its
 * views in the studio, docs/architecture.md "Adding a node kind"); registry.ts derives the rest.
 * The order is the order the studio's palette lists them in. A module of its own so a test can
 * register a throwaway kind (`new-kind.test.ts`).
 */
export const NODE_DEFINITIONS = [inputNodeKind, llmNodeKind, codeNodeKind, outputNodeKind] as const;
