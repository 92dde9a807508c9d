/**
 * OpenAI's Files and Batch APIs, as far as a batch of chat completions needs them, so the
 * engine's batch path is tested offline: POST /v1/files (multipart, purpose "batch"),
 * GET /v1/files/{id} and /content, POST /v1/batches, GET /v1/batches/{id} and
 * POST /v1/batches/{id}/cancel. A batch is answered line by line by the same model as
 * /v1/chat/completions, after `delayMs` per line, so a client polling it sees it move through
 * validating -> in_progress (with request_counts) -> finalizing -> completed. Batches live in
 * memory for the server's lifetime.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatModel } from '../engine';
import { readBody, readBytes, sendJson } from './http-util';
import { completionBody, errorBody } from './openai-format';
import { parseChatRequest, samplingOf } from './parse-request';

/** A stored file: its metadata as the API lists it, and its bytes as text. */
interface StoredFile {
  meta: { id: string; object: 'file'; bytes: number; created_at: number; filename: string; purpose: string };
  text: string;
}

type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'cancelling'
  | 'cancelled';

interface StoredBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  created_at: number;
  output_file_id?: string;
  error_file_id?: string;
  errors?: { object: 'list'; data: { code: string; message: string; line?: number }[] };
  request_counts: { total: number; completed: number; failed: number };
  completed_at?: number;
}

/** Options of the batch routes. */
export interface BatchRoutesOptions {
  model: ChatModel;
  /** Pause before each line is answered (default 0), so polling has something to watch. */
  delayMs?: number;
  /** Largest upload accepted (default 100 MB, OpenAI's per-file batch limit is 200 MB). */
  maxFileBytes?: number;
}

/** Handles the Files and Batch routes; resolves false for any other route. */
export type BatchRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
) => Promise<boolean>;

const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Creates the routes with their in-memory file and batch stores. */
export function createBatchRoutes(options: BatchRoutesOptions): BatchRoutes {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}-sim-${(++counter).toString().padStart(6, '0')}`;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  function saveFile(text: string, filename: string, purpose: string): StoredFile {
    const id = nextId('file');
    const file: StoredFile = {
      meta: {
        id,
        object: 'file',
        bytes: Buffer.byteLength(text),
        created_at: nowSeconds(),
        filename,
        purpose,
      },
      text,
    };
    files.set(id, file);
    return file;
  }

  async function answerLine(line: string, index: number): Promise<{ out: unknown; ok: boolean }> {
    let parsed: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      return {
        ok: false,
        out: { custom_id: null, error: { code: 'invalid_json', message: `line ${index + 1} is not JSON` } },
      };
    }
    const customId = typeof parsed.custom_id === 'string' ? parsed.custom_id : null;
    const lineOut = (status_code: number, body: unknown) => ({
      id: nextId('batch_req'),
      custom_id: customId,
      response: { status_code, request_id: nextId('req'), body },
      error: null,
    });
    const request = parseChatRequest(parsed.body);
    if (!request.ok)
      return { ok: false, out: lineOut(400, errorBody(request.message, 'invalid_request_error')) };
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const { model, messages } = request.value;
    const answer = await options.model.complete({ messages, model, ...samplingOf(request.value) });
    const body = completionBody(
      { id: nextId('chatcmpl'), created: nowSeconds(), model },
      answer.text,
      answer.usage,
    );
    return { ok: true, out: lineOut(200, body) };
  }

  async function process(batch: StoredBatch, lines: string[]): Promise<void> {
    batch.status = 'in_progress';
    const output: string[] = [];
    const errors: string[] = [];
    for (const [index, line] of lines.entries()) {
      if (cancelRequested(batch)) break;
      const { out, ok } = await answerLine(line, index);
      (ok ? output : errors).push(JSON.stringify(out));
      if (ok) batch.request_counts.completed++;
      else batch.request_counts.failed++;
    }
    if (cancelRequested(batch)) {
      batch.status = 'cancelled';
      return;
    }
    batch.status = 'finalizing';
    if (output.length > 0)
      batch.output_file_id = saveFile(
        `${output.join('\n')}\n`,
        `${batch.id}_output.jsonl`,
        'batch_output',
      ).meta.id;
    if (errors.length > 0)
      batch.error_file_id = saveFile(
        `${errors.join('\n')}\n`,
        `${batch.id}_error.jsonl`,
        'batch_output',
      ).meta.id;
    batch.status = 'completed';
    batch.completed_at = nowSeconds();
  }

  function createBatch(body: Record<string, unknown>): { status: number; body: unknown } {
    const input = typeof body.input_file_id === 'string' ? files.get(body.input_file_id) : undefined;
    const invalid = (message: string) => ({ status: 400, body: errorBody(message, 'invalid_request_error') });
    if (!input) return invalid("Invalid 'input_file_id': no such file.");
    if (body.endpoint !== '/v1/chat/completions')
      return invalid("This simulator batches only 'endpoint': '/v1/chat/completions'.");
    if (body.completion_window !== '24h') return invalid("'completion_window' must be '24h'.");
    const lines = input.text.split('\n').filter((l) => l.trim() !== '');
    const batch: StoredBatch = {
      id: nextId('batch'),
      object: 'batch',
      endpoint: '/v1/chat/completions',
      input_file_id: input.meta.id,
      completion_window: '24h',
      status: 'validating',
      created_at: nowSeconds(),
      request_counts: { total: lines.length, completed: 0, failed: 0 },
    };
    if (lines.length === 0) {
      batch.status = 'failed';
      batch.errors = {
        object: 'list',
        data: [{ code: 'empty_file', message: 'The input file has no requests.' }],
      };
    } else {
      // Answered after this response: the client sees "validating" first, as with OpenAI.
      setTimeout(() => void process(batch, lines), 0);
    }
    batches.set(batch.id, batch);
    return { status: 200, body: batch };
  }

  return async (req, res, method, path) => {
    if (method === 'POST' && path === '/v1/files') {
      const upload = await readUpload(req, options.maxFileBytes ?? MAX_FILE_BYTES);
      if ('error' in upload) sendJson(res, 400, errorBody(upload.error, 'invalid_request_error'));
      else sendJson(res, 200, saveFile(upload.text, upload.filename, upload.purpose).meta);
      return true;
    }
    const file = path.match(/^\/v1\/files\/([^/]+)(\/content)?$/);
    if (method === 'GET' && file) {
      const stored = files.get(decodeURIComponent(file[1]!));
      if (!stored) sendJson(res, 404, errorBody('No such File object.', 'invalid_request_error'));
      else if (file[2]) {
        res.writeHead(200, {
          'Content-Type': 'application/jsonl',
          'Content-Length': Buffer.byteLength(stored.text),
        });
        res.end(stored.text);
      } else sendJson(res, 200, stored.meta);
      return true;
    }
    if (method === 'POST' && path === '/v1/batches') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(req, MAX_FILE_BYTES)) as Record<string, unknown>;
      } catch {
        sendJson(res, 400, errorBody('The request body must be JSON.', 'invalid_request_error'));
        return true;
      }
      const created = createBatch(body ?? {});
      sendJson(res, created.status, created.body);
      return true;
    }
    const batch = path.match(/^\/v1\/batches\/([^/]+)(\/cancel)?$/);
    if (batch && ((method === 'GET' && !batch[2]) || (method === 'POST' && batch[2]))) {
      const stored = batches.get(decodeURIComponent(batch[1]!));
      if (!stored) {
        sendJson(res, 404, errorBody('No such Batch object.', 'invalid_request_error'));
        return true;
      }
      if (batch[2] && (stored.status === 'validating' || stored.status === 'in_progress'))
        stored.status = 'cancelling';
      sendJson(res, 200, stored);
      return true;
    }
    return false;
  };
}

/** Read through a function: a cancel arrives while `process` awaits, which narrowing cannot see. */
function cancelRequested(batch: StoredBatch): boolean {
  return batch.status === 'cancelling';
}

/** Parses a multipart upload with the platform's own form-data parser (Node's fetch Request). */
async function readUpload(
  req: IncomingMessage,
  limit: number,
): Promise<{ text: string; filename: string; purpose: string } | { error: string }> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return { error: 'Uploads must be multipart/form-data.' };
  let form: FormData;
  try {
    const bytes = await readBytes(req, limit, 'upload');
    form = await new Request('http://127.0.0.1/upload', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(bytes),
    }).formData();
  } catch (error) {
    return { error: `Could not read the upload: ${(error as Error).message}` };
  }
  const purpose = form.get('purpose');
  const file = form.get('file');
  if (purpose !== 'batch') return { error: "This simulator stores files with 'purpose': 'batch' only." };
  if (!file || typeof file === 'string') return { error: "Missing required parameter: 'file'." };
  return { text: await file.text(), filename: file.name || 'upload.jsonl', purpose };
}
