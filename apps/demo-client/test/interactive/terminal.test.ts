import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputClosedError, Terminal } from '../../src/interactive/terminal.js';

/** A Terminal over a pipe (not a TTY) that already holds `input` and has ended. */
function pipedTerminal(input: string): { term: Terminal; output: () => string } {
  const out = new PassThrough();
  let written = '';
  out.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const term = new Terminal(
    Readable.from([input]) as unknown as NodeJS.ReadStream,
    out as unknown as NodeJS.WriteStream,
  );
  return { term, output: () => written };
}

describe('Terminal on piped input', () => {
  it('answers with lines that arrived before the question, then reports the end of input', async () => {
    // `echo q | demo-client --interactive`: the pipe has ended before the menu asks.
    const { term, output } = pipedTerminal('2\nq\n');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(term.ask('> ')).resolves.toBe('2');
    await expect(term.ask('> ')).resolves.toBe('q');
    await expect(term.ask('> ')).rejects.toBeInstanceOf(InputClosedError);
    expect(output()).toBe('> > ');
    term.close();
  });

  it('uses the default for an empty line, and shows it in brackets', async () => {
    const { term, output } = pipedTerminal('\n');
    await expect(term.ask('Nights? ', { prefill: '3' })).resolves.toBe('3');
    expect(output()).toBe('Nights? [3] ');
    term.close();
  });

  it('waits for a line that has not arrived yet', async () => {
    const input = new PassThrough();
    const term = new Terminal(
      input as unknown as NodeJS.ReadStream,
      new PassThrough() as unknown as NodeJS.WriteStream,
    );
    const answer = term.ask('> ');
    input.write('lisbon\n');
    await expect(answer).resolves.toBe('lisbon');
    const next = term.ask('> ');
    input.end();
    await expect(next).rejects.toBeInstanceOf(InputClosedError);
    term.close();
  });
});
