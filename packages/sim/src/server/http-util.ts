/** Small helpers over node:http: CORS, JSON answers, reading a bounded request body. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for a page on any origin. The openai SDK in a browser sends `authorization`,
 * `content-type` and several `x-stainless-*` headers, so the preflight must allow exactly what was
 * asked (a `*` would not cover `authorization`). Retry-After is exposed so a browser client can
 * read it on a 429.
 */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'retry-after, retry-after-ms, x-request-id, x-backflow-simulated',
  );
}

/** Answers an OPTIONS preflight with 204. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', requested || 'authorization, content-type');
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome's Private Network Access: a public page calling 127.0.0.1 asks for this explicitly.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  res.statusCode = 204;
  res.end();
}

/** Sends `body` as JSON with `status`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads the whole request body, refusing more than `limitBytes` (`what` names it in the error). */
export async function readBytes(
  req: IncomingMessage,
  limitBytes = 10 * 1024 * 1024,
  what = 'request body',
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new Error(`${what} larger than ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The whole request body as UTF-8 text (see {@link readBytes}). */
export async function readBody(req: IncomingMessage, limitBytes?: number): Promise<string> {
  return (await readBytes(req, limitBytes)).toString('utf8');
}
