/**
 * A few lines of DOM building. Text always goes in through text nodes, never `innerHTML`: every
 * string the page shows (tool descriptions, elicitation messages, results) comes from a server.
 */

/** Attribute values: `true` sets a boolean attribute, `false` and `undefined` leave it out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

/** What may be appended: elements, text, or nothing. */
export type Child = Node | string | false | null | undefined;

/** Creates an element with attributes and children. */
export function h<TTag extends keyof HTMLElementTagNameMap>(
  tag: TTag,
  attributes: Attributes = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[TTag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children, turning strings into text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

let counter = 0;

/** A document-unique id, for `label for=`, `aria-describedby` and `aria-labelledby`. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Looks up an element the page's HTML must contain. */
export function required<TElement extends HTMLElement>(
  id: string,
  type: new () => TElement,
): TElement {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new TypeError(`The page has no #${id} element`);
  return element;
}

/** Pretty JSON for display. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
