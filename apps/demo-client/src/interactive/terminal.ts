import { createInterface } from 'node:readline/promises';
import type { Interface } from 'node:readline/promises';

/** The user closed the input (Ctrl-D, end of a pipe). */
export class InputClosedError extends Error {
  override readonly name = 'InputClosedError';
}

type Completer = (line: string) => Promise<string[]>;

/**
 * The terminal of the interactive client: questions with a pre-filled default (on a TTY), Tab
 * completion where a question offers it, and printing.
 */
export class Terminal {
  readonly isTty: boolean;
  readonly #rl: Interface;
  readonly #output: NodeJS.WriteStream;
  readonly #closed: Promise<never>;
  /** Lines that arrived while no question was open (a pipe delivers them all at once). */
  readonly #pending: string[] = [];
  #answer: ((line: string) => void) | undefined;
  #isClosed = false;
  #completer: Completer | undefined;

  constructor(
    input: NodeJS.ReadStream = process.stdin,
    output: NodeJS.WriteStream = process.stdout,
  ) {
    this.isTty = input.isTTY && output.isTTY;
    this.#output = output;
    this.#rl = createInterface({
      input,
      output,
      terminal: this.isTty,
      completer: async (line: string): Promise<[string[], string]> => {
        const complete = this.#completer;
        if (complete === undefined) return [[], line];
        try {
          return [await complete(line), line];
        } catch {
          return [[], line];
        }
      },
    });
    this.#rl.on('line', (line) => {
      const answer = this.#answer;
      this.#answer = undefined;
      if (answer === undefined) this.#pending.push(line);
      else answer(line);
    });
    this.#closed = new Promise<never>((_resolve, reject) => {
      this.#rl.once('close', () => {
        this.#isClosed = true;
        reject(new InputClosedError('input closed'));
      });
    });
    this.#closed.catch(() => undefined);
  }

  /** Prints one line. */
  readonly print = (line = ''): void => {
    this.#output.write(`${line}\n`);
  };

  /**
   * Asks a question. On a TTY `prefill` is typed into the line for the user to edit or accept;
   * elsewhere it is shown in brackets and an empty answer means it.
   * @throws InputClosedError when the input ends
   */
  async ask(
    question: string,
    options: { prefill?: string | undefined; complete?: Completer } = {},
  ): Promise<string> {
    const prefill = options.prefill;
    const shown =
      prefill !== undefined && !this.isTty && prefill !== ''
        ? `${question}[${prefill}] `
        : question;
    // Answers already read come first: piped input may have ended before this question.
    const queued = this.#pending.shift();
    if (queued === undefined && this.#isClosed) throw new InputClosedError('input closed');
    this.#completer = options.complete;
    try {
      let line: string;
      if (queued !== undefined) {
        this.#output.write(shown);
        line = queued;
      } else {
        const answer = new Promise<string>((resolve) => (this.#answer = resolve));
        this.#rl.setPrompt(shown);
        this.#rl.prompt();
        if (prefill !== undefined && this.isTty) this.#rl.write(prefill);
        line = await Promise.race([answer, this.#closed]);
      }
      return line.trim() === '' && !this.isTty ? (prefill ?? '') : line;
    } finally {
      this.#answer = undefined;
      this.#completer = undefined;
    }
  }

  /** Asks until the answer is one of `choices` (the first is the default on an empty answer). */
  async choose<TChoice extends string>(
    question: string,
    choices: readonly [TChoice, ...TChoice[]],
  ): Promise<TChoice> {
    for (;;) {
      const answer = (await this.ask(question)).trim().toLowerCase();
      if (answer === '') return choices[0];
      const match = choices.find((choice) => choice === answer || choice.startsWith(answer));
      if (match !== undefined) return match;
      this.print(`  Please answer one of: ${choices.join(', ')}`);
    }
  }

  close(): void {
    this.#rl.close();
  }
}
