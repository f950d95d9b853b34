/**
 * Shows a form-mode elicitation as an HTML form and resolves with what the user did: `accept`
 * with the content, `decline` (the user said no) or `cancel` (the user dismissed it). The three
 * answers are distinct in MCP, so they are three buttons.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/client/elicitation
 */
import type { ElicitRequestFormParams, ElicitResult } from '@tern/schema';
import { h, uniqueId } from './dom.js';
import { toFieldKind } from './field-kind.js';
import { renderFormField } from './form-field.js';
import type { FieldValue } from './form-field.js';

/**
 * Renders the form into `slot` and waits for the user. When `signal` aborts (the conversation
 * was stopped or timed out) the form is disabled and the answer is `cancel`.
 */
export function renderElicitationForm(
  params: ElicitRequestFormParams,
  slot: HTMLElement,
  signal: AbortSignal,
): Promise<ElicitResult> {
  const schema = params.requestedSchema;
  const requiredNames = new Set(schema.required ?? []);
  const messageId = uniqueId('elicitation');
  const fields = Object.entries(schema.properties).map(([name, definition]) => ({
    name,
    field: renderFormField(name, toFieldKind(name, definition), requiredNames.has(name)),
  }));
  const decline = h('button', { type: 'button', class: 'secondary' }, ['Decline']);
  const cancel = h('button', { type: 'button', class: 'secondary' }, ['Cancel']);
  const form = h('form', { class: 'elicitation', 'aria-labelledby': messageId }, [
    h('p', { id: messageId, class: 'elicitation-message' }, [params.message]),
    requiredNames.size > 0 &&
      h('p', { class: 'hint' }, [
        h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ['*']),
        ' marks a required field.',
      ]),
    ...fields.map(({ field }) => field.element),
    h('div', { class: 'actions' }, [h('button', { type: 'submit' }, ['Accept']), decline, cancel]),
  ]);
  slot.replaceChildren(form);
  fields[0]?.field.focusTarget.focus();

  return new Promise<ElicitResult>((resolve) => {
    const finish = (result: ElicitResult): void => {
      for (const control of form.elements) (control as HTMLInputElement).disabled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish({ action: 'cancel' });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    // `submit` fires only once every native constraint holds (required, lengths, formats, ranges).
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const content: Record<string, FieldValue> = {};
      for (const { name, field } of fields) {
        const value = field.read();
        if (value !== undefined) content[name] = value;
      }
      finish({ action: 'accept', content });
    });
    decline.addEventListener('click', () => finish({ action: 'decline' }));
    cancel.addEventListener('click', () => finish({ action: 'cancel' }));
  });
}
