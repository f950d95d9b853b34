/** A scenario found behaviour it did not expect: the program exits non-zero. */
export class ScenarioFailure extends Error {
  override readonly name: string = 'ScenarioFailure';
}

/** Throws {@link ScenarioFailure} with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

/** Writes a progress line to stderr (the suite keeps it next to the checks). */
export function log(message: string): void {
  process.stderr.write(`[tern-conformance-client] ${message}\n`);
}

/** The text of the first text block of a result. */
export function firstText(result: { content?: readonly unknown[] }): string | undefined {
  const block = result.content?.find((item) => (item as { type?: unknown }).type === 'text') as
    { text?: unknown } | undefined;
  return typeof block?.text === 'string' ? block.text : undefined;
}
