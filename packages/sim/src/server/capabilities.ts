/**
 * What the served model refuses, like the real endpoints do, so clients' fallbacks can be tested:
 * `response_format` json_schema on a server without structured outputs, and a temperature other
 * than 1 or `max_tokens` on an OpenAI-style reasoning model. Wording, `param` and `code` as OpenAI's.
 */
import type { ChatModel, ChatRequest, ChatResponse } from '../engine';
import { readLastJsonBlock } from '../engine';
import type { ParsedChatRequest } from './parse-request';

/** The refusal of a request: OpenAI's 400 message, param and code. */
export interface Refusal {
  message: string;
  param: string;
  code: string;
}

/** What the server refuses. */
export interface Capabilities {
  rejectResponseFormat: boolean;
  reasoningModels: readonly string[];
}

/** The first parameter of `request` the server refuses, if any. */
export function refusalOf(request: ParsedChatRequest, capabilities: Capabilities): Refusal | undefined {
  if (request.responseFormat && capabilities.rejectResponseFormat) {
    return {
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
      param: 'response_format',
      code: 'invalid_parameter',
    };
  }
  if (!capabilities.reasoningModels.includes(request.model)) return undefined;
  if (request.maxTokensField === 'max_tokens') {
    return {
      message:
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      param: 'max_tokens',
      code: 'unsupported_parameter',
    };
  }
  if (request.temperature !== undefined && request.temperature !== 1) {
    return {
      message: `Unsupported value: 'temperature' does not support ${request.temperature} with this model. Only the default (1) value is supported.`,
      param: 'temperature',
      code: 'unsupported_value',
    };
  }
  return undefined;
}

/**
 * Honours structured outputs: when the request carries an answer format (sent as
 * `response_format` json_schema), the model's fenced json answer is sent as pure JSON, the way a
 * schema-constrained model answers. Answers without a json block are left as they are.
 */
export function withJsonSchemaAnswers(model: ChatModel): ChatModel {
  return {
    label: model.label,
    simulated: model.simulated,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const response = await model.complete(request);
      if (!request.answerFormat) return response;
      const block = readLastJsonBlock(response.text);
      return block.ok ? { ...response, text: JSON.stringify(block.value) } : response;
    },
  };
}
