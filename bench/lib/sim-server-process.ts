/**
 * Child-process entry of {@link startEndpointProcess}: serve-sim on 127.0.0.1 (port 0) with the
 * latency given in BENCH_SIM_LATENCY_MS, reporting its address once, and whenever the parent asks,
 * the number of chat completions in its request log and the arrival time (epoch ms) of the first
 * one at or after a given time. Exits when the parent disconnects.
 */
import { createSimulatedModel } from '@backflow/sim';
import { startSimServer } from '@backflow/sim/server';

const latencyMs = Number(process.env.BENCH_SIM_LATENCY_MS ?? 0);
const server = await startSimServer({
  model: createSimulatedModel({ seed: 1 }),
  latencyMs,
  logLimit: 1_000_000,
});
const chatRows = () => server.log.filter((e) => e.path.endsWith('/chat/completions'));

process.on('message', (message: { type?: string; id?: number; since?: number }) => {
  if (message?.type === 'count') process.send?.({ type: 'count', id: message.id, count: chatRows().length });
  if (message?.type === 'firstSince') {
    const since = message.since ?? 0;
    const first = chatRows()
      .map((e) => Date.parse(e.time))
      .find((t) => t >= since);
    process.send?.({ type: 'firstSince', id: message.id, at: first ?? null });
  }
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', baseURL: server.baseURL });
