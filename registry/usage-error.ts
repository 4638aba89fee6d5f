// A command line used wrongly: the CLI prints the message and points to --help.
export class UsageError extends Error {}
