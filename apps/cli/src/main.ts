// The `backflow` command line: the engine in Node, with files where the studio has IndexedDB.
// See docs/cli.md for every command, flag and exit code.
import { setMaxListeners } from 'node:events';
import nodeModule from 'node:module';
import { dispatch } from './cli/dispatch';
import { processIo } from './cli/io';
import { commands } from './commands/registry';

// Node 22.1+ keeps the compiled code of the bundle's chunks between runs (in the OS's temp folder),
// so every start after the first skips most parsing and compiling: the chunks of a command are
// imported below, after this. Node 20 has no such cache, and the call is skipped there.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

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

// `backflow ... | head` closes stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const argv = process.argv.slice(2);
const stops = commands.find((c) => c.name === argv[0])?.stopsOnSignal === true;
const code = await dispatch(commands, argv, processIo(), abortOnSignals(stops));
// Exit explicitly (keep-alive sockets or timers must not keep a finished command alive), but only
// once stdout has drained: piped output is written asynchronously.
process.stdout.write('', () => process.exit(code));
