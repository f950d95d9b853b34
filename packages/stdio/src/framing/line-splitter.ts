/** What a {@link LineSplitter} reports. */
export interface LineSink {
  /** One complete line, without its `\n` (and without a trailing `\r`). */
  line(bytes: Uint8Array): void;
  /** A line grew past the limit: its bytes up to the next `\n` are dropped. */
  oversized(limit: number): void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Cuts a byte stream into newline-delimited messages (requirements.md #258), on bytes rather than
 * text so that a UTF-8 sequence split across chunks or invalid UTF-8 is judged per message by the
 * parser. A line longer than `maxLineBytes` is never buffered whole: it is reported once and
 * skipped up to its newline, so a 50 MB line costs at most `maxLineBytes` of memory.
 */
export class LineSplitter {
  readonly #sink: LineSink;
  readonly #maxLineBytes: number;
  #parts: Uint8Array[] = [];
  #length = 0;
  #skipping = false;

  constructor(sink: LineSink, maxLineBytes: number) {
    this.#sink = sink;
    this.#maxLineBytes = maxLineBytes;
  }

  /** Whether bytes of an unfinished line are held (an EOF now cuts a message in two). */
  get hasPartialLine(): boolean {
    return this.#length > 0 || this.#skipping;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const stop = end === -1 ? chunk.length : end;
      this.#append(chunk.subarray(start, stop));
      if (end === -1) return;
      this.#finishLine();
      start = end + 1;
    }
  }

  /** Drops whatever partial line is held. */
  reset(): void {
    this.#parts = [];
    this.#length = 0;
    this.#skipping = false;
  }

  #append(bytes: Uint8Array): void {
    if (this.#skipping || bytes.length === 0) return;
    if (this.#length + bytes.length > this.#maxLineBytes) {
      this.reset();
      this.#skipping = true;
      this.#sink.oversized(this.#maxLineBytes);
      return;
    }
    // Copied: the caller may reuse its chunk.
    this.#parts.push(new Uint8Array(bytes)); // a copy (Buffer#slice would be a view)
    this.#length += bytes.length;
  }

  #finishLine(): void {
    if (this.#skipping) {
      this.reset();
      return;
    }
    let line = concat(this.#parts, this.#length);
    this.reset();
    if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, -1);
    if (line.length > 0) this.#sink.line(line);
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
