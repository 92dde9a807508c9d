// The version `backflow --version` prints: the CLI package's own, bundled into dist/backflow.mjs
// (esbuild inlines the JSON), so the bundle needs no package.json beside it at run time.
import cliPackage from '../../package.json' with { type: 'json' };

/** The `backflow` version, e.g. `0.1.0`. */
export const CLI_VERSION: string = cliPackage.version;
