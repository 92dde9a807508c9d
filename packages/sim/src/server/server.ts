/**
 * The simulator's OpenAI-compatible HTTP server (node:http). Routes: POST /v1/chat/completions,
 * GET /v1/models, GET /health, GET /v1/_log, the Files and Batch APIs (batches.ts), and CORS
 * preflights on all of them. It binds to
 * 127.0.0.1 by default and `close()` destroys every socket, so hung requests never keep a test
 * process alive.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { withRealisticAnswers } from '../realistic/realistic-model';
import { createBatchRoutes } from './batches';
import { withJsonSchemaAnswers } from './capabilities';
import { type CompletionContext, handleChatCompletion } from './completions';
import { createFaultPicker, resolveFaults } from './faults';
import { answerPreflight, sendJson, setCorsHeaders } from './http-util';
import { errorBody } from './openai-format';
import { createPromptCache } from './prompt-cache';
import { createRequestLog } from './request-log';
import type { RequestLogEntry, SimServer, SimServerOptions } from './types';

/** The model name listed by GET /v1/models when the options name none. */
export const DEFAULT_SIM_MODEL_NAME = 'backflow-sim';

/** Starts the server and resolves once it listens. */
export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1';
  const rates = resolveFaults(options.faults);
  const log = createRequestLog(options.logLimit ?? 10_000);
  let requestCounter = 0;
  let completionCounter = 0;
  const state = { inFlight: 0 };
  // Structured outputs shape the well-formed answer first; realistic slips then wrap what is sent.
  const structured = withJsonSchemaAnswers(options.model);
  const context: CompletionContext = {
    model: options.realistic ? withRealisticAnswers(structured, options.realistic) : structured,
    capabilities: {
      rejectResponseFormat: options.rejectResponseFormat === true,
      reasoningModels: options.reasoningModels ?? [],
    },
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.models ? { models: options.models } : {}),
    chunkChars: options.chunkChars ?? 16,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    retryAfterSeconds: rates.retryAfterSeconds,
    picker: createFaultPicker(rates, options.latencyMs ?? 0, options.jitterMs ?? 0, options.seed ?? 1),
    nextCompletionId: () => `chatcmpl-sim-${(++completionCounter).toString().padStart(6, '0')}`,
    ...(options.promptCache === false ? {} : { promptCache: createPromptCache() }),
  };

  const batchRoutes = createBatchRoutes({ model: options.model, delayMs: options.batchDelayMs ?? 0 });

  const server = createServer((req, res) => {
    const requestId = `req_${(++requestCounter).toString().padStart(6, '0')}`;
    res.setHeader('x-request-id', requestId);
    // Anything reading these answers can tell they are simulated (never shown as a real model's).
    res.setHeader('x-backflow-simulated', 'true');
    setCorsHeaders(req, res);
    route(req, res, requestId).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        sendJson(
          res,
          500,
          errorBody(`Internal error: ${err instanceof Error ? err.message : String(err)}`, 'server_error'),
        );
      }
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return answerPreflight(req, res);
    if (method === 'POST' && path === '/v1/chat/completions') {
      state.inFlight++;
      const entry = log.add(newEntry(requestId, method, path, state.inFlight));
      res.once('close', () => {
        state.inFlight--;
        if (entry.outcome === 'pending') entry.outcome = 'client-closed';
      });
      return handleChatCompletion(req, res, context, entry);
    }
    const entry = log.add(newEntry(requestId, method, path, state.inFlight));
    res.once('finish', () => {
      entry.status = res.statusCode;
      entry.outcome = res.statusCode < 400 ? 'answered' : 'error';
    });
    if (await batchRoutes(req, res, method, path)) return;
    req.resume(); // bodies of other routes are ignored; drain them so keep-alive works
    answerOther(req, res, method, path);
  }

  function answerOther(req: IncomingMessage, res: ServerResponse, method: string, path: string) {
    if (method === 'GET' && path === '/health') {
      return sendJson(res, 200, { status: 'ok', simulated: true, model: options.model.label });
    }
    if (method === 'GET' && path === '/v1/_log') return sendJson(res, 200, { entries: log.entries() });
    if (method === 'GET' && path === '/v1/models') {
      if (context.apiKey && req.headers.authorization !== `Bearer ${context.apiKey}`) {
        return sendJson(
          res,
          401,
          errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
        );
      }
      const names = options.models ?? [DEFAULT_SIM_MODEL_NAME];
      const data = names.map((id) => ({ id, object: 'model', created: 0, owned_by: 'backflow-sim' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    const message = `Unknown request URL: ${method} ${path}. Please check the URL for typos (the API lives under /v1).`;
    return sendJson(res, 404, errorBody(message, 'invalid_request_error', 'unknown_url'));
  }

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    baseURL: `http://${urlHost}:${port}/v1`,
    port,
    host,
    get log() {
      return log.entries();
    },
    get inFlight() {
      return state.inFlight;
    },
    clearLog: () => log.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}

function newEntry(requestId: string, method: string, path: string, inFlight: number): RequestLogEntry {
  return {
    time: new Date().toISOString(),
    requestId,
    method,
    path,
    stream: false,
    fault: null,
    status: null,
    inFlightAtStart: inFlight,
    outcome: 'pending',
  };
}
