/** Validates a chat-completions request body the way OpenAI does, with its error wording. */
import { type ChatMessage, isPlainObject, stripUndefined } from '../engine';

export interface ParsedChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  temperature?: number;
  maxTokens?: number;
  /** Which field carried the token limit (reasoning models refuse `max_tokens`). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  seed?: number;
  /** `response_format: {type: "json_schema", json_schema}`: the answer must be this JSON object. */
  responseFormat?: { name: string; schema: Record<string, unknown>; strict: boolean };
}

export type ParseResult =
  | { ok: true; value: ParsedChatRequest }
  | { ok: false; message: string; param: string | null };

/** The sampling options of a request the model takes, where given. */
export function samplingOf({ temperature, maxTokens, seed }: ParsedChatRequest) {
  return stripUndefined({ temperature, maxTokens, seed });
}

/** Reads and checks a parsed JSON body. `developer` messages count as `system`. */
export function parseChatRequest(body: unknown): ParseResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, message: 'The request body must be a JSON object.', param: null };
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') {
    return { ok: false, message: "Missing required parameter: 'model'.", param: 'model' };
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    return { ok: false, message: "Missing required parameter: 'messages'.", param: 'messages' };
  }
  const messages: ChatMessage[] = [];
  for (const [i, raw] of b.messages.entries()) {
    const message = toMessage(raw);
    if (!message) {
      return { ok: false, message: `Invalid value for 'messages[${i}]'.`, param: `messages[${i}]` };
    }
    messages.push(message);
  }
  const value: ParsedChatRequest = {
    model: b.model,
    messages,
    stream: b.stream === true,
    includeUsage: isPlainObject(b.stream_options) && b.stream_options.include_usage === true,
  };
  if (typeof b.temperature === 'number') value.temperature = b.temperature;
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  if (typeof maxTokens === 'number') {
    value.maxTokens = maxTokens;
    value.maxTokensField =
      typeof b.max_completion_tokens === 'number' ? 'max_completion_tokens' : 'max_tokens';
  }
  if (typeof b.seed === 'number') value.seed = b.seed;
  const format = readResponseFormat(b.response_format);
  if (format && 'message' in format) return { ok: false, ...format };
  if (format) value.responseFormat = format;
  return { ok: true, value };
}

type ResponseFormat = NonNullable<ParsedChatRequest['responseFormat']>;

/** A json_schema response format, OpenAI's error for a broken one, or undefined for text/json_object/none. */
function readResponseFormat(raw: unknown): ResponseFormat | { message: string; param: string } | undefined {
  if (!isPlainObject(raw) || raw.type !== 'json_schema') return undefined;
  const spec = raw.json_schema;
  if (!isPlainObject(spec) || typeof spec.name !== 'string' || spec.name === '') {
    return {
      message: "Missing required parameter: 'response_format.json_schema.name'.",
      param: 'response_format.json_schema.name',
    };
  }
  const schema = isPlainObject(spec.schema) ? spec.schema : {};
  return { name: spec.name, schema, strict: spec.strict === true };
}

function toMessage(raw: unknown): ChatMessage | undefined {
  if (!isPlainObject(raw)) return undefined;
  const role = raw.role === 'developer' ? 'system' : raw.role;
  if (role !== 'system' && role !== 'user' && role !== 'assistant') return undefined;
  const content = contentText(raw.content);
  return content === undefined ? undefined : { role, content };
}

/** A string, or the text parts of a content array joined together. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const part of content) {
    if (!isPlainObject(part) || part.type !== 'text' || typeof part.text !== 'string') return undefined;
    parts.push(part.text);
  }
  return parts.join('');
}
