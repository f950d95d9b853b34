/**
 * The tool list and the call form: pick a tool, edit its arguments as JSON, call it.
 */
import type { Tool } from '@tern/schema';
import { h, json } from './dom.js';

/** The elements of the page the panel fills in. */
export interface ToolPanelElements {
  readonly list: HTMLUListElement;
  readonly form: HTMLFormElement;
  readonly heading: HTMLElement;
  readonly description: HTMLElement;
  readonly args: HTMLTextAreaElement;
  readonly error: HTMLElement;
}

/** Called with a tool name and the parsed arguments when the user calls a tool. */
export type OnCall = (name: string, args: Record<string, unknown>) => void;

/** Wires the call form once; {@link ToolPanel.show} then lists a server's tools. */
export class ToolPanel {
  readonly #elements: ToolPanelElements;
  #selected: Tool | undefined;

  constructor(elements: ToolPanelElements, onCall: OnCall) {
    this.#elements = elements;
    elements.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const tool = this.#selected;
      if (tool === undefined) return;
      const args = parseArguments(elements.args.value);
      if (typeof args === 'string') {
        elements.error.textContent = args;
        elements.args.setAttribute('aria-invalid', 'true');
        return;
      }
      elements.error.textContent = '';
      elements.args.removeAttribute('aria-invalid');
      onCall(tool.name, args);
    });
  }

  /** Lists `tools`, or nothing (after a failed connection). */
  show(tools: readonly Tool[]): void {
    const { list, form } = this.#elements;
    this.#selected = undefined;
    form.hidden = true;
    list.replaceChildren(
      ...tools.map((tool) => {
        const button = h(
          'button',
          { type: 'button', class: 'tool', 'aria-pressed': 'false', 'data-tool': tool.name },
          [tool.title ?? tool.name],
        );
        button.addEventListener('click', () => this.#select(tool, button));
        return h('li', {}, [
          button,
          tool.title === undefined ? '' : h('code', { class: 'tool-name' }, [tool.name]),
          tool.description === undefined ? '' : h('p', { class: 'hint' }, [tool.description]),
        ]);
      }),
    );
  }

  #select(tool: Tool, button: HTMLButtonElement): void {
    const { list, form, heading, description, args, error } = this.#elements;
    for (const other of list.querySelectorAll('button.tool'))
      other.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    this.#selected = tool;
    heading.textContent = `Call ${tool.name}`;
    description.textContent = tool.description ?? '';
    args.value = json(skeletonOf(tool.inputSchema));
    error.textContent = '';
    form.hidden = false;
    args.focus();
  }
}

/** The arguments as an object, or a message saying what is wrong. */
function parseArguments(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (error) {
    return `The arguments are not valid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'The arguments must be a JSON object, such as {"city": "Oslo"}.';
  }
  return value as Record<string, unknown>;
}

const EMPTY_OF_TYPE: Record<string, unknown> = {
  string: '',
  number: 0,
  integer: 0,
  boolean: false,
  array: [],
  object: {},
};

/** Starting arguments: every default, and an empty value for each required property without one. */
function skeletonOf(schema: Tool['inputSchema']): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const requiredNames = new Set(
    Array.isArray(schema['required']) ? (schema['required'] as string[]) : [],
  );
  const skeleton: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if ('default' in property) skeleton[name] = property['default'];
    else if (requiredNames.has(name))
      skeleton[name] = EMPTY_OF_TYPE[String(property['type'])] ?? null;
  }
  return skeleton;
}
