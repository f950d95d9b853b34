/**
 * The tool list and the call form: pick a tool, fill in its arguments, call it. A tool whose
 * `inputSchema` is a flat object of primitives (what elicitation forms allow too) gets a form
 * built from it, with the same fields as elicitations; any other schema gets a JSON editor.
 */
import type { PrimitiveSchemaDefinition, Tool } from '@tern/schema';
import { h, json } from './dom.js';
import { toFieldKind } from './field-kind.js';
import { renderFormField } from './form-field.js';
import type { FormField } from './form-field.js';

/** The elements of the page the panel fills in. */
export interface ToolPanelElements {
  readonly list: HTMLUListElement;
  readonly form: HTMLFormElement;
  readonly heading: HTMLElement;
  readonly description: HTMLElement;
  readonly args: HTMLTextAreaElement;
  /** Holds the JSON editor (label and textarea), shown for schemas a form cannot show. */
  readonly json: HTMLElement;
  /** Where the fields of a form-shaped `inputSchema` go. */
  readonly fields: HTMLElement;
  readonly error: HTMLElement;
}

/** Called with a tool name and the parsed arguments when the user calls a tool. */
export type OnCall = (name: string, args: Record<string, unknown>) => void;

/** Wires the call form once; {@link ToolPanel.show} then lists a server's tools. */
export class ToolPanel {
  readonly #elements: ToolPanelElements;
  #selected: Tool | undefined;
  /** The fields of the selected tool's form, or `undefined` when it is edited as JSON. */
  #fields: { name: string; field: FormField }[] | undefined;

  constructor(elements: ToolPanelElements, onCall: OnCall) {
    this.#elements = elements;
    elements.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const tool = this.#selected;
      if (tool === undefined) return;
      const args =
        this.#fields === undefined ? parseArguments(elements.args.value) : readFields(this.#fields);
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
    const { list, form, heading, description, args, error, fields, json: editor } = this.#elements;
    for (const other of list.querySelectorAll('button.tool'))
      other.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    this.#selected = tool;
    heading.textContent = `Call ${tool.name}`;
    description.textContent = tool.description ?? '';
    error.textContent = '';
    form.hidden = false;
    this.#fields = formFieldsOf(tool.inputSchema);
    editor.hidden = this.#fields !== undefined;
    fields.replaceChildren(...(this.#fields ?? []).map(({ field }) => field.element));
    if (this.#fields === undefined) {
      args.value = json(skeletonOf(tool.inputSchema));
      args.focus();
    } else {
      this.#fields[0]?.field.focusTarget.focus();
    }
  }
}

const FORM_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/** Whether a property is one a form field can show: a primitive, or a multi-select enum. */
function isFormProperty(property: unknown): property is PrimitiveSchemaDefinition {
  if (typeof property !== 'object' || property === null) return false;
  const { type, items } = property as { type?: unknown; items?: unknown };
  if (type === 'array')
    return typeof items === 'object' && items !== null && ('enum' in items || 'anyOf' in items);
  return typeof type === 'string' && FORM_TYPES.has(type);
}

/** The form fields of `schema`, or `undefined` when one of its properties needs the JSON editor. */
function formFieldsOf(
  schema: Tool['inputSchema'],
): { name: string; field: FormField }[] | undefined {
  const properties = Object.entries((schema['properties'] ?? {}) as Record<string, unknown>);
  if (!properties.every(([, property]) => isFormProperty(property))) return undefined;
  const requiredNames = new Set(
    Array.isArray(schema['required']) ? (schema['required'] as string[]) : [],
  );
  return properties.map(([name, property]) => ({
    name,
    field: renderFormField(
      name,
      toFieldKind(name, property as PrimitiveSchemaDefinition),
      requiredNames.has(name),
    ),
  }));
}

/** The arguments a form holds (the browser has checked its native constraints on submit). */
function readFields(
  fields: readonly { name: string; field: FormField }[],
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const { name, field } of fields) {
    const value = field.read();
    if (value !== undefined) args[name] = value;
  }
  return args;
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
