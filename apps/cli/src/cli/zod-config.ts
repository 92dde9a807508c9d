// Imported by the dispatcher before a command's code, so it runs before any schema is built (zod
// reads the flag when a schema is constructed). Zod compiles a parser for each object schema on
// its first parse (`new Function`): that pays off over many parses of one schema, but a command
// parses each of its documents once or a few times, so compiling costs more than it saves (the
// workflow's first parse took 20-40 ms with it, 5-10 ms without, in `backflow run`'s cold start).
// The parse results are the same either way.
import { config } from 'zod';

config({ jitless: true });
