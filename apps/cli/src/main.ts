// The `backflow` command line: the engine in Node, with files where the studio has IndexedDB.
// See docs/cli.md for every command, flag and exit code.
import { setMaxListeners } from 'node:events';
import nodeModule from 'node:module';
import { enableCompileCache } from './cli/compile-cache';
import { dispatch } from './cli/dispatch';
import { processIo, processStdout } from './cli/io';
import { startTraceFromEnv } from './cli/start-trace';
import { commands } from './commands/registry';

// Node 22.1+ keeps the compiled code of the bundle's chunks between runs (cli/compile-cache.ts):
// the chunks of a command are imported below, after this. Node 20 has no such cache.
const compileCache = enableCompileCache(nodeModule);

/**
 * Aborts on the first SIGINT/SIGTERM so commands can stop cleanly; a second one exits at once. A
 * command that does not watch the signal (`validate`) is ended by the first one.
 */
function abortOnSignals(commandStops: boolean): AbortSignal {
  const controller = new AbortController();
  // Every in-flight call listens to this one signal: hundreds of listeners are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted || !commandStops) process.exit(130);
    controller.abort(new Error(`received ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

startTraceFromEnv(process.env, { compileCache });
const argv = process.argv.slice(2);
const stops = commands.find((c) => c.name === argv[0])?.stopsOnSignal === true;
const code = await dispatch(commands, argv, processIo(), abortOnSignals(stops));
// Exit explicitly (keep-alive sockets or timers must not keep a finished command alive), but only
// once stdout has drained: piped output is written asynchronously.
processStdout().write('', () => process.exit(code));
