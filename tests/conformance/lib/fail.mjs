/** Prints `message` and ends the run with exit code 1. */
export function fail(message) {
  process.stderr.write(`conformance: ${message}\n`);
  process.exit(1);
}
