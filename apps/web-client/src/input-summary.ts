/**
 * Timeline text for one input request of an `input_required` round and for the answer the
 * client sent back in `inputResponses`.
 */
import type {
  ElicitResult,
  InputRequest,
  InputResponse,
  PrimitiveSchemaDefinition,
} from '@tern/schema';
import { h, json } from './dom.js';
import { toFieldKind } from './field-kind.js';

/** What the server asked, in one line plus details. */
export function renderAsk(request: InputRequest): HTMLElement {
  switch (request.method) {
    case 'elicitation/create': {
      const params = request.params;
      if (params.mode === 'url') {
        return h('div', { class: 'ask-summary' }, [
          h('span', { class: 'chip' }, ['URL']),
          ` ${params.message} `,
          h('code', { class: 'full-url' }, [params.url]),
        ]);
      }
      const properties = params.requestedSchema.properties;
      const fields = Object.keys(properties).map((name) => titleOf(properties, name));
      return h('div', { class: 'ask-summary' }, [
        h('span', { class: 'chip' }, ['Form']),
        ` ${params.message} `,
        h('span', { class: 'hint' }, [`(${fields.join(', ')})`]),
      ]);
    }
    case 'sampling/createMessage':
      return h('div', { class: 'ask-summary' }, [
        h('span', { class: 'chip' }, ['Sampling']),
        ' a model completion',
      ]);
    case 'roots/list':
      return h('div', { class: 'ask-summary' }, [
        h('span', { class: 'chip' }, ['Roots']),
        ' the list of roots',
      ]);
  }
}

const ACTION_TEXT = {
  accept: 'Accepted',
  decline: 'Declined',
  cancel: 'Cancelled',
} as const;

/** What the client answered. */
export function renderAnswer(
  request: InputRequest,
  response: InputResponse | undefined,
): HTMLElement {
  if (response === undefined) return h('p', { class: 'answer hint' }, ['No answer was sent.']);
  if (request.method !== 'elicitation/create')
    return h('div', { class: 'answer' }, [h('pre', {}, [json(response)])]);
  // The client checked it: an elicitation is answered with an ElicitResult.
  const answer = response as ElicitResult;
  const action = answer.action;
  const verdict = h('strong', { class: `action action-${action}` }, [ACTION_TEXT[action]]);
  if (request.params.mode === 'url') {
    const text = action === 'accept' ? ' (you agreed to open the page).' : '.';
    return h('p', { class: 'answer' }, ['You answered: ', verdict, text]);
  }
  const properties = request.params.requestedSchema.properties;
  const content = Object.entries(answer.content ?? {});
  return h('div', { class: 'answer' }, [
    h('p', {}, ['You answered: ', verdict, content.length > 0 ? ' with' : '.']),
    content.length > 0 &&
      h(
        'dl',
        {},
        content.flatMap(([name, value]) => [
          h('dt', {}, [titleOf(properties, name)]),
          h('dd', {}, [displayValue(name, properties[name], value)]),
        ]),
      ),
  ]);
}

/** The display title of a form field, or its name. */
function titleOf(properties: Record<string, unknown>, name: string): string {
  const title = (properties[name] as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title : name;
}

/** An answered value as the form showed it: option labels for enums, Yes/No for booleans. */
function displayValue(
  name: string,
  schema: PrimitiveSchemaDefinition | undefined,
  value: unknown,
): string {
  const kind = schema === undefined ? undefined : toFieldKind(name, schema);
  const labelOf = (item: unknown): string =>
    (kind?.kind === 'select' || kind?.kind === 'multi'
      ? kind.options.find((option) => option.value === item)?.label
      : undefined) ?? String(item);
  if (Array.isArray(value)) return value.map(labelOf).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return labelOf(value);
}
