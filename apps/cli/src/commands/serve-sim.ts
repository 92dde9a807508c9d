import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, type SimServerOptions, startSimServer } from '@backflow/sim/server';
import { helpOption, parseCommandArgs, readInt, readNumber, requirePositionals } from '../cli/args';
import type { Command } from '../cli/command';
import { ExitCode, usageError } from '../cli/exit-codes';
import { resolvePath, writeFileAtomic } from '../cli/files';

const usage = `Usage: backflow serve-sim [--port P] [--host H] [--latency-ms L] [--jitter-ms J]
                         [--fault-rate F] [--seed S] [--realistic-rate R]

Serves the simulated model (offline, deterministic) as an OpenAI-compatible endpoint:
POST /v1/chat/completions (JSON and SSE streaming), GET /v1/models, GET /health.
Prints the base URL (e.g. http://127.0.0.1:8787/v1) on stdout, then serves until SIGINT/SIGTERM.

Options:
  --port P          port to listen on (default 8787; 0 picks a free port)
  --host H          address to bind (default 127.0.0.1)
  --latency-ms L    added latency per request in ms (default 0)
  --jitter-ms J     random extra latency, 0..J ms, seeded (default 0)
  --fault-rate F    share of requests answered with a fault, 0..1 (429 with Retry-After, 500,
                    hung request, truncated stream, malformed body; default 0)
  --seed S          seed of the model's noise, the jitter and the faults (default 1)
  --realistic-rate R
                    share of answers that slip as real models' do, 0..1 (prose around the JSON,
                    other or no fences, trailing commas, <think> blocks, reasoning_content,
                    cut off at the token limit, refusals, missing or extra ids, empty; default 0)
  --reject-response-format
                    answer response_format json_schema with a 400 (a server without structured
                    outputs); without it, json_schema requests get pure JSON answers
  --reasoning-models A,B
                    serve these names as reasoning models: max_tokens and a temperature other
                    than 1 get a 400 naming the parameter, as OpenAI's o-series do
  --models A,B      serve only these model names (others get a 404, as OpenAI answers)
  --require-key-env VAR
                    clients must send "Authorization: Bearer <value of VAR>" (else 401)
  --log FILE        on stop, write the request log to FILE (one JSON line per request: time,
                    path, model, stream, injected fault, status, in-flight count, the
                    response_format schema name when one was sent, outcome)
  --json            print { "url": ... } instead of the bare URL
  -h, --help        this text

Exit codes: 0 stopped by a signal, 2 usage error or the port is taken.
`;

const options = {
  ...helpOption,
  port: { type: 'string' },
  host: { type: 'string' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string' },
  'fault-rate': { type: 'string' },
  seed: { type: 'string' },
  'realistic-rate': { type: 'string' },
  'reject-response-format': { type: 'boolean' },
  'reasoning-models': { type: 'string' },
  models: { type: 'string' },
  'require-key-env': { type: 'string' },
  log: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A comma-separated list of names. */
function names(list: string): string[] {
  return list
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
}

/** `backflow serve-sim`: the simulator's OpenAI-compatible HTTP server, until a signal stops it. */
export const serveSimCommand: Command = {
  name: 'serve-sim',
  usage,
  async run(argv, io, signal) {
    const { values, positionals } = parseCommandArgs('serve-sim', argv, options);
    requirePositionals('serve-sim', positionals, []);
    const seed = readInt('seed', values.seed) ?? 1;
    const host = values.host ?? '127.0.0.1';
    const port = readInt('port', values.port, { min: 0, max: 65535 }) ?? 8787;
    const latencyMs = readNumber('latency-ms', values['latency-ms'], { min: 0 }) ?? 0;
    const jitterMs = readNumber('jitter-ms', values['jitter-ms'], { min: 0 }) ?? 0;
    const faults = readNumber('fault-rate', values['fault-rate'], { min: 0, max: 1 }) ?? 0;
    const serverOptions: SimServerOptions = {
      model: createSimulatedModel({ seed }),
      host,
      port,
      latencyMs,
      jitterMs,
      faults,
      seed,
    };
    const realisticRate = readNumber('realistic-rate', values['realistic-rate'], { min: 0, max: 1 }) ?? 0;
    if (realisticRate > 0) serverOptions.realistic = { rate: realisticRate, seed };
    if (values['reject-response-format']) serverOptions.rejectResponseFormat = true;
    if (values['reasoning-models'] !== undefined) {
      serverOptions.reasoningModels = names(values['reasoning-models']);
    }
    if (values.models !== undefined) serverOptions.models = names(values.models);
    const keyVar = values['require-key-env'];
    if (keyVar !== undefined) {
      const key = io.env[keyVar]?.trim();
      if (!key)
        throw usageError(
          `--require-key-env ${keyVar}: the environment variable ${keyVar} is not set or empty.`,
        );
      serverOptions.apiKey = key;
    }
    let server: SimServer;
    try {
      server = await startSimServer(serverOptions);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw usageError(
          `serve-sim: port ${port} on ${host} is already in use; pick another --port (0 = any free port).`,
        );
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
        throw usageError(`serve-sim: cannot bind to --host ${host} (${code}).`);
      throw error;
    }
    const url = server.baseURL;
    io.stdout(values.json ? `${JSON.stringify({ url, simulated: true })}\n` : `${url}\n`);
    io.stderr(`Simulated model (offline) listening on ${url} — stop with Ctrl+C\n`);
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    // Read the log before closing: close() ends hung requests, which would add noise to it.
    const log = server.log;
    await server.close();
    if (values.log !== undefined) {
      await writeFileAtomic(
        resolvePath(io.cwd, values.log),
        log.map((entry) => `${JSON.stringify(entry)}\n`).join(''),
      );
    }
    io.stderr('serve-sim: stopped\n');
    return ExitCode.ok;
  },
};
