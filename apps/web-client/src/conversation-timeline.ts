/**
 * One conversation drawn as a timeline. In MCP 2026-07-28 a request that needs input ends with an
 * `input_required` result (the server's questions and a sealed `requestState`); the client asks
 * the user, then sends the same request again with the answers. Each such round is one item, the
 * final result another:
 *
 * 1. the request (tool and arguments),
 * 2. round 1: what the server asked, the form the user fills in, then what was answered,
 * 3. round 2, ...
 * 4. the result.
 *
 * When the server answers with a task instead (the tasks extension, SEP-2663), one more item lists
 * the states the task went through while the client polled it (working, input_required, ...).
 *
 * Input handlers open an ask in its round ({@link ConversationTimeline.slotFor}); the client's
 * `onRound` hook then records the round ({@link ConversationTimeline.recordRound}), after the
 * answers are known and before the retry is sent.
 */
import type { RoundEvent } from '@tern/core-protocol';
import type { CallToolResult, ProgressNotificationParams } from '@tern/schema';
import type { DetailedTask } from '@tern/tasks';
import { h, json, uniqueId } from './dom.js';
import { renderAnswer, renderAsk } from './input-summary.js';
import { describeError, renderCallResult } from './render-result.js';

/** What the conversation is about. */
export interface ConversationSubject {
  readonly method: string;
  readonly name: string;
  readonly args: Record<string, unknown>;
}

/** A timeline card in the page. Its `data-status` is `running`, `complete` or `error`. */
export class ConversationTimeline {
  readonly element: HTMLElement;
  readonly #list: HTMLOListElement;
  readonly #status: HTMLElement;
  readonly #progress: HTMLElement;
  readonly #stop: HTMLButtonElement;
  readonly #rounds = new Map<number, HTMLLIElement>();
  #task: { item: HTMLLIElement; states: HTMLOListElement; last: string } | undefined;

  /** Creates the card at the top of `parent`; `onStop` runs when the user stops it. */
  constructor(parent: HTMLElement, subject: ConversationSubject, onStop: () => void) {
    const headingId = uniqueId('conversation');
    this.#status = h('span', { class: 'badge' }, ['running']);
    this.#stop = h('button', { type: 'button', class: 'secondary small' }, ['Stop']);
    this.#stop.addEventListener('click', onStop);
    this.#progress = h('div', { class: 'progress', hidden: true, 'aria-live': 'polite' });
    this.#list = h('ol', { class: 'timeline', 'aria-label': 'Rounds of this conversation' }, [
      h('li', { class: 'step step-request' }, [
        h('h4', {}, ['Request']),
        h('p', {}, [h('code', {}, [subject.method]), ' ', h('strong', {}, [subject.name])]),
        h('pre', { class: 'arguments' }, [json(subject.args)]),
      ]),
    ]);
    this.element = h(
      'article',
      { class: 'conversation', 'data-status': 'running', 'aria-labelledby': headingId },
      [
        h('header', {}, [h('h3', { id: headingId }, [subject.name]), this.#status, this.#stop]),
        this.#progress,
        this.#list,
      ],
    );
    parent.prepend(this.element);
  }

  /** The place where the handler for input request `key` of `round` shows its form. */
  slotFor(round: number, key: string): HTMLElement {
    const item = this.#round(round);
    const existing = item.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] .ask-slot`);
    if (existing !== null) return existing;
    const slot = h('div', { class: 'ask-slot' });
    item.append(h('div', { class: 'ask', 'data-key': key }, [slot]));
    return slot;
  }

  /** Records a finished round: each question with its answer, and whether state was carried. */
  recordRound(event: RoundEvent): void {
    const item = this.#round(event.round);
    item.classList.add('answered');
    const asks = Object.entries(event.inputRequests);
    for (const [key, request] of asks) {
      const ask = this.#ask(item, key);
      ask.replaceChildren(renderAsk(request), renderAnswer(request, event.inputResponses?.[key]));
    }
    const heading = item.querySelector('h4');
    if (heading !== null) {
      heading.textContent =
        asks.length === 0
          ? `Round ${event.round}: the server asked nothing yet (state only), retried`
          : `Round ${event.round}: the server asked, you answered`;
    }
    item.append(
      h('p', { class: 'hint' }, [
        event.hasRequestState
          ? 'The retry carries the server\u2019s sealed requestState back, unchanged.'
          : 'The server sent no requestState.',
      ]),
    );
  }

  /** Shows progress notifications of the current request. */
  progress(update: ProgressNotificationParams): void {
    const bar = h('progress', {
      value: update.progress,
      max: update.total,
      'aria-label': 'Progress',
    });
    const text =
      update.message ??
      `${update.progress}${update.total === undefined ? '' : ` of ${update.total}`}`;
    this.#progress.replaceChildren(bar, ` ${text}`);
    this.#progress.hidden = false;
  }

  /** Records a state of the task the server answered with (each change of status once). */
  task(task: DetailedTask): void {
    if (this.#task === undefined) {
      const states = h('ol', { class: 'task-states', 'aria-label': 'States of the task' });
      const item = h('li', { class: 'step step-task', 'data-task-id': task.taskId }, [
        h('h4', {}, ['The server made this call a task']),
        h('p', { class: 'hint' }, [
          `Task ${task.taskId}: the client polls tasks/get and answers questions with tasks/update.`,
        ]),
        states,
      ]);
      this.#list.append(item);
      this.#task = { item, states, last: '' };
    }
    const label = `${task.status}${task.statusMessage === undefined ? '' : `: ${task.statusMessage}`}`;
    if (label === this.#task.last) return;
    this.#task.last = label;
    this.#task.item.dataset['status'] = task.status;
    this.#task.states.append(h('li', { 'data-status': task.status }, [label]));
  }

  /** Ends the timeline with the result. */
  complete(result: CallToolResult): void {
    this.#finish(result.isError === true ? 'error' : 'complete', [
      h('h4', {}, ['Result']),
      renderCallResult(result),
    ]);
  }

  /** Ends the timeline with an error of the client, transport or server. */
  fail(error: unknown): void {
    this.#finish('error', [
      h('h4', {}, ['Failed']),
      h('p', { class: 'error' }, [describeError(error)]),
    ]);
  }

  #finish(status: 'complete' | 'error', children: HTMLElement[]): void {
    this.#progress.hidden = true;
    this.#stop.remove();
    this.#status.textContent = status;
    this.element.dataset['status'] = status;
    // Rounds whose forms are still open were abandoned with the conversation.
    for (const item of this.#rounds.values()) {
      if (!item.classList.contains('answered')) item.classList.add('abandoned');
    }
    this.#list.append(
      h('li', { class: `step step-final step-${status}`, 'data-outcome': status }, children),
    );
  }

  #round(round: number): HTMLLIElement {
    let item = this.#rounds.get(round);
    if (item === undefined) {
      item = h('li', { class: 'step step-round', 'data-round': round }, [
        h('h4', {}, [`Round ${round}: the server asks (input_required)`]),
      ]);
      this.#rounds.set(round, item);
      this.#list.append(item);
    }
    return item;
  }

  #ask(item: HTMLLIElement, key: string): HTMLElement {
    const existing = item.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (existing !== null) return existing;
    const ask = h('div', { class: 'ask', 'data-key': key });
    item.append(ask);
    return ask;
  }
}
