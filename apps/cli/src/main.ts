// The `backflow` command line: commands are registered by the CLI work (see docs/cli.md).
console.error('backflow: no commands yet');
process.exit(2);
