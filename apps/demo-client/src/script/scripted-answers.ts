import type { InputHandlers, InputRequestInfo } from '@tern/core-protocol';
import { formatFields } from '../output.js';
import type { Print } from '../output.js';
import type { Answer } from './script-file.js';

type FormAnswer = Extract<Answer, { action: string }>;

/**
 * Answers input requests from the current step's `answers`, by input request key, and prints
 * each question and answer. A question without an answer is a mismatch: the step fails.
 */
export class ScriptedAnswers {
  readonly #print: Print;
  #answers: Record<string, Answer> = {};
  #inOrder = false;
  #asked = new Set<string>();
  #problems: string[] = [];

  constructor(print: Print) {
    this.#print = print;
  }

  /**
   * Starts a step with its answers. `inOrder`: the questions carry no keys (a 2025-era session's
   * server-to-client requests), so each takes the next answer not used yet.
   */
  use(answers: Record<string, Answer>, inOrder = false): void {
    this.#answers = answers;
    this.#inOrder = inOrder;
    this.#asked = new Set();
    this.#problems = [];
  }

  /** What went wrong in this step: unanswered questions, answers nobody asked for. */
  problems(): string[] {
    const unused = Object.keys(this.#answers).filter((key) => !this.#asked.has(key));
    return [
      ...this.#problems,
      ...unused.map((key) => `the script answers "${key}", but the server never asked it`),
    ];
  }

  /** The client's input handlers. */
  handlers(): InputHandlers {
    return {
      elicitForm: (params, info) => {
        this.#announce(info, `form: "${params.message}"`);
        const answer = this.#formAnswer(info);
        this.#print(
          `      → ${answer.action}${answer.action === 'accept' ? ` ${formatFields(answer.content)}` : ''}`,
        );
        return answer.action === 'accept'
          ? { action: 'accept', content: answer.content ?? {} }
          : { action: answer.action };
      },
      elicitUrl: async (params, info) => {
        this.#announce(info, `open a URL: "${params.message}"`);
        this.#print(`      ${String(params.url)}`);
        const answer = this.#formAnswer(info);
        if (answer.action === 'accept' && answer.visit !== undefined) {
          await visit(String(params.url), answer.visit.submit);
          this.#print(
            `      → accept; opened the page and submitted ${formatFields(answer.visit.submit)}`,
          );
        } else {
          this.#print(`      → ${answer.action}`);
        }
        return { action: answer.action };
      },
      sample: (params, info) => {
        this.#announce(
          info,
          `sampling: ${params.messages.length} message(s), up to ${params.maxTokens} tokens`,
        );
        const answer = this.#take(info);
        if (!('model' in answer))
          throw this.#mismatch(
            `"${info.key}" is a sampling request, the script answers something else`,
          );
        this.#print(`      → ${answer.model}: "${answer.text}"`);
        return {
          role: 'assistant',
          content: { type: 'text', text: answer.text },
          model: answer.model,
          stopReason: 'endTurn',
        };
      },
      listRoots: (info) => {
        this.#announce(info, 'roots: which folders may I use?');
        const answer = this.#take(info);
        if (!('roots' in answer))
          throw this.#mismatch(
            `"${info.key}" is a roots request, the script answers something else`,
          );
        this.#print(`      → ${answer.roots.map((root) => root.uri).join(', ')}`);
        return answer.roots.map((root) =>
          root.name === undefined ? { uri: root.uri } : { uri: root.uri, name: root.name },
        );
      },
    };
  }

  #announce(info: InputRequestInfo, what: string): void {
    this.#print(
      this.#inOrder
        ? `    ? server → client request (2025-era session) · ${what}`
        : `    ? round ${info.round} · ${info.key} · ${what}`,
    );
  }

  #formAnswer(info: InputRequestInfo): FormAnswer {
    const answer = this.#take(info);
    if ('action' in answer) return answer;
    throw this.#mismatch(`"${info.key}" is an elicitation, the script answers something else`);
  }

  #take(info: InputRequestInfo): Answer {
    const key = this.#inOrder
      ? (Object.keys(this.#answers).find((name) => !this.#asked.has(name)) ?? info.key)
      : info.key;
    this.#asked.add(key);
    const answer = this.#answers[key];
    if (answer === undefined)
      throw this.#mismatch(
        `the server asked "${info.key}" in round ${info.round}, but the script has no answer`,
      );
    return answer;
  }

  #mismatch(message: string): Error {
    this.#problems.push(message);
    this.#print(`      ✗ ${message}`);
    return new Error(message);
  }
}

/**
 * Plays the user in the browser: loads the page, then posts the form fields together with the
 * page's query parameters (the link code) to the same path, as the page's form does.
 */
async function visit(url: string, fields: Record<string, string>): Promise<void> {
  const page = await fetch(url);
  if (!page.ok) throw new Error(`GET ${url} answered ${page.status}`);
  const target = new URL(url);
  const body = new URLSearchParams(target.searchParams);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const submitted = await fetch(`${target.origin}${target.pathname}`, { method: 'POST', body });
  if (!submitted.ok) throw new Error(`POST ${target.pathname} answered ${submitted.status}`);
}
