/**
 * RFC 6570 URI Templates: full level 4 expansion, plus matching for resource templates.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6570
 */

import { utf8Encode } from './base64.js';
import { usageError } from '../errors.js';

/** A value a template variable can take. `undefined`, `null` and empty lists/maps are undefined. */
export type UriTemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean | null | undefined)[]
  | Readonly<Record<string, string | number | boolean | null | undefined>>;

/** The variables passed to {@link UriTemplate.expand}, by name. */
export type UriTemplateVariables = Readonly<Record<string, UriTemplateValue>>;

type Operator = '' | '+' | '#' | '.' | '/' | ';' | '?' | '&';

interface OperatorSpec {
  readonly first: string;
  readonly separator: string;
  readonly named: boolean;
  readonly ifEmpty: string;
  readonly allowReserved: boolean;
}

interface VarSpec {
  readonly name: string;
  readonly explode: boolean;
  readonly prefix: number | undefined;
}

interface Expression {
  readonly operator: Operator;
  readonly vars: readonly VarSpec[];
}

type Part = string | Expression;

/** RFC 6570 appendix A. */
const OPERATORS: Readonly<Record<Operator, OperatorSpec>> = {
  '': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '#': { first: '#', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', separator: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', separator: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', separator: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
};
const RESERVED_OPERATORS = '=,!@|';
const VARSPEC_PATTERN =
  /^((?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*)(?::([1-9][0-9]{0,3})|(\*))?$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const RESERVED = /^[:/?#[\]@!$&'()*+,;=]$/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
/** Templates and URIs longer than this (UTF-16 code units) are refused, bounding all work. */
const MAX_LENGTH = 8192;
/**
 * Characters that end a value in matching, per operator, besides the character that follows the
 * expression. `+` and `#` values may contain reserved characters, so only what follows ends them.
 */
const MATCH_STOPS: Readonly<Record<Operator, string>> = {
  '': '/?#',
  '+': '',
  '#': '',
  '.': '/?#.',
  '/': '/?#',
  ';': '/?#;',
  '?': '#',
  '&': '#',
};

function isExpression(part: Part): part is Expression {
  return typeof part !== 'string';
}

function parseExpression(body: string, template: string): Expression {
  const head = body.charAt(0);
  if (RESERVED_OPERATORS.includes(head)) {
    throw usageError(
      `URI template ${JSON.stringify(template)} uses the reserved operator "${head}"`,
    );
  }
  const operator = (Object.hasOwn(OPERATORS, head) && head !== '' ? head : '') as Operator;
  const vars = body
    .slice(operator.length)
    .split(',')
    .map((spec): VarSpec => {
      const match = VARSPEC_PATTERN.exec(spec);
      if (match === null) {
        throw usageError(
          `URI template ${JSON.stringify(template)} has an invalid variable "${spec}"`,
        );
      }
      const [, name = '', prefix, explode] = match;
      return {
        name,
        explode: explode !== undefined,
        prefix: prefix === undefined ? undefined : Number(prefix),
      };
    });
  return { operator, vars };
}

function parseTemplate(template: string): Part[] {
  if (template.length > MAX_LENGTH) {
    throw usageError(`URI template is longer than ${MAX_LENGTH} characters`);
  }
  const parts: Part[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    const close = template.indexOf('}', index);
    if (close !== -1 && (open === -1 || close < open)) {
      throw usageError(`URI template ${JSON.stringify(template)} has an unmatched "}"`);
    }
    if (open === -1) {
      parts.push(template.slice(index));
      break;
    }
    if (open > index) parts.push(template.slice(index, open));
    const body = template.slice(open + 1, close);
    if (close === -1 || body.includes('{')) {
      throw usageError(`URI template ${JSON.stringify(template)} has an unclosed "{"`);
    }
    parts.push(parseExpression(body, template));
    index = close + 1;
  }
  return parts;
}

function percentEncode(char: string): string {
  let out = '';
  for (const byte of utf8Encode(char)) {
    out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodeValue(value: string, allowReserved: boolean): string {
  let out = '';
  let index = 0;
  while (index < value.length) {
    const char = String.fromCodePoint(value.codePointAt(index) ?? 0);
    if (allowReserved && char === '%' && HEX_PAIR.test(value.slice(index + 1, index + 3))) {
      out += value.slice(index, index + 3);
      index += 3;
      continue;
    }
    out +=
      UNRESERVED.test(char) || (allowReserved && RESERVED.test(char)) ? char : percentEncode(char);
    index += char.length;
  }
  return out;
}

function takeCodePoints(value: string, count: number): string {
  let out = '';
  let taken = 0;
  for (const char of value) {
    if (taken++ === count) break;
    out += char;
  }
  return out;
}

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isDefined<TValue>(value: TValue | null | undefined): value is TValue {
  return value !== undefined && value !== null;
}

function expandVar(spec: VarSpec, value: UriTemplateValue, op: OperatorSpec): string | undefined {
  const encode = (text: Scalar): string => encodeValue(String(text), op.allowReserved);
  const named = (name: string, encoded: string): string =>
    encoded === '' ? `${name}${op.ifEmpty}` : `${name}=${encoded}`;
  if (!isDefined(value)) return undefined;
  if (isScalar(value)) {
    const text =
      spec.prefix === undefined ? String(value) : takeCodePoints(String(value), spec.prefix);
    return op.named ? named(spec.name, encode(text)) : encode(text);
  }
  if (Array.isArray(value)) {
    const items = (value as readonly (Scalar | null | undefined)[]).filter(isDefined).map(encode);
    if (items.length === 0) return undefined;
    if (!spec.explode) return op.named ? named(spec.name, items.join(',')) : items.join(',');
    return items.map((item) => (op.named ? named(spec.name, item) : item)).join(op.separator);
  }
  const entries = Object.entries(value).filter((entry): entry is [string, Scalar] =>
    isDefined(entry[1]),
  );
  if (entries.length === 0) return undefined;
  if (!spec.explode) {
    const flat = entries.map(([key, item]) => `${encode(key)},${encode(item)}`).join(',');
    return op.named ? named(spec.name, flat) : flat;
  }
  return entries
    .map(([key, item]) =>
      op.named ? named(encode(key), encode(item)) : `${encode(key)}=${encode(item)}`,
    )
    .join(op.separator);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function negatedClass(stops: string): string {
  if (stops === '') return '[\\s\\S]';
  return `[^${stops.replace(/[\\\]\[^-]/g, '\\$&')}]`;
}

/** The first character any expansion of `part` can start with, if it is fixed. */
function leadingChar(part: Part | undefined): string {
  if (part === undefined) return '';
  if (!isExpression(part)) return String.fromCodePoint(part.codePointAt(0) ?? 0);
  return OPERATORS[part.operator].first;
}

/** The pattern of everything one expression expands to, operator character included. */
function regionPattern(expr: Expression, follow: string): string {
  const value = negatedClass(`${MATCH_STOPS[expr.operator]}${follow}`);
  const count = expr.vars.some((spec) => spec.explode) ? '*' : `{0,${expr.vars.length}}`;
  switch (expr.operator) {
    case '':
    case '+':
      return `${value}+`;
    case '#':
      return `(?:#${value}*)?`;
    case '.':
    case '/':
    case ';':
      return `(?:${escapeRegExp(expr.operator)}${value}*)${count}`;
    case '?':
    case '&':
      return `(?:${escapeRegExp(expr.operator)}${value}*)?`;
  }
}

/** Percent-decodes every item; `undefined` when any has invalid percent-encoding or UTF-8. */
function decodeAll(items: readonly string[]): string[] | undefined {
  try {
    return items.map((item) => decodeURIComponent(item));
  } catch {
    return undefined;
  }
}

/**
 * A parsed RFC 6570 URI template. Construction validates the template and prepares matching once.
 *
 * @example
 * const template = new UriTemplate('file:///{+path}{?rev}');
 * template.expand({ path: 'a/b.txt', rev: 3 }); // 'file:///a/b.txt?rev=3'
 * template.match('file:///a/b.txt?rev=3'); // { path: 'a/b.txt', rev: '3' }
 */
export class UriTemplate {
  /** The names of the template's variables, in order of first appearance. */
  readonly variableNames: readonly string[];
  readonly #template: string;
  readonly #parts: readonly Part[];
  readonly #pattern: RegExp;
  /** The expressions in template order, with the capture group that holds each one. */
  readonly #captures: readonly (readonly [Expression, number])[];

  /**
   * Parses `template`.
   *
   * @throws SdkError INVALID_USAGE when the template is malformed: an unclosed `{` or stray `}`, an empty
   *   expression, a reserved operator (`=`, `,`, `!`, `@`, `|`), an invalid variable name or
   *   modifier, or more than 8 KiB of text.
   */
  constructor(template: string) {
    this.#template = template;
    this.#parts = parseTemplate(template);
    const names = new Set<string>();
    const captures: (readonly [Expression, number])[] = [];
    let source = '^';
    let group = 0;
    const lastExpression = this.#parts.findLastIndex(isExpression);
    this.#parts.forEach((part, index) => {
      if (!isExpression(part)) {
        source += escapeRegExp(part);
        return;
      }
      for (const spec of part.vars) names.add(spec.name);
      const region = regionPattern(
        part,
        index === lastExpression ? '' : leadingChar(this.#parts[index + 1]),
      );
      group++;
      captures.push([part, group]);
      // Every expression but the last matches possessively (a lookahead captures, a backreference
      // consumes), so the regex never backtracks into it and matching stays linear in the input.
      source += index === lastExpression ? `(${region})` : `(?=(${region}))(?:\\${group})`;
    });
    this.#pattern = new RegExp(`${source}$`, 'u');
    this.#captures = captures;
    this.variableNames = [...names];
  }

  /**
   * Tells whether `value` is a valid template with at least one expression (as opposed to a plain
   * URI). Never throws.
   */
  static isTemplate(value: string): boolean {
    try {
      return typeof value === 'string' && new UriTemplate(value).#parts.some(isExpression);
    } catch {
      return false;
    }
  }

  /**
   * Expands the template (RFC 6570 section 3, levels 1-4). Missing, `null` and empty list or map
   * variables are undefined and expand to nothing. Lone surrogates are encoded as U+FFFD.
   */
  expand(variables: UriTemplateVariables): string {
    let out = '';
    for (const part of this.#parts) {
      if (!isExpression(part)) {
        out += part;
        continue;
      }
      const op = OPERATORS[part.operator];
      const pieces: string[] = [];
      for (const spec of part.vars) {
        const value = Object.hasOwn(variables, spec.name) ? variables[spec.name] : undefined;
        const piece = expandVar(spec, value, op);
        if (piece !== undefined) pieces.push(piece);
      }
      if (pieces.length > 0) out += `${op.first}${pieces.join(op.separator)}`;
    }
    return out;
  }

  /**
   * Matches a URI against the template and extracts the variables, percent-decoded.
   *
   * Built for resource templates: `{var}`, `{+path}`, `{#frag}`, `{.ext}`, `{/a,b}`, `{;x}`,
   * `{?q,lang}`, `{&more}` and exploded lists (`{/path*}`, `{?tag*}`) yield string arrays.
   * Rules and limits:
   * - `{var}` and `{+var}` need at least one character; other variables may be absent, and absent
   *   variables are missing from the result.
   * - A value ends at the first character that its operator cannot leave unencoded, or at the
   *   character that follows the expression; only the last expression of the template may
   *   contain that following character (`{name}.json` matches `a.b.json`).
   * - Query and `;` parameters match by name in any order; unknown names are ignored.
   * - Exploded maps and prefix modifiers are not reversed.
   *
   * @returns the variables, or `undefined` when the URI does not match, is longer than 8 KiB, or
   *   contains invalid percent-encoding.
   */
  match(uri: string): Record<string, string | string[]> | undefined {
    if (typeof uri !== 'string' || uri.length > MAX_LENGTH) return undefined;
    const found = this.#pattern.exec(uri);
    if (found === null) return undefined;
    const entries: [string, string | string[]][] = [];
    const named = new Map<string, string[]>();
    const namedVars: VarSpec[] = [];
    for (const [expr, group] of this.#captures) {
      const region = found[group] ?? '';
      if (OPERATORS[expr.operator].named) {
        namedVars.push(...expr.vars);
        collectNamed(region, named);
      } else if (!assignPositional(expr, region, entries)) {
        return undefined;
      }
    }
    for (const spec of namedVars) {
      const values = named.get(spec.name);
      if (values === undefined) continue;
      const decoded = decodeAll(spec.explode ? values : values.slice(0, 1));
      if (decoded === undefined) return undefined;
      entries.push([spec.name, spec.explode ? decoded : decoded.join('')]);
    }
    return Object.fromEntries(entries);
  }

  /** Returns the template text as given to the constructor. */
  toString(): string {
    return this.#template;
  }
}

/** Splits a `;…` or `?…&…` region into name → raw values. */
function collectNamed(region: string, into: Map<string, string[]>): void {
  if (region === '') return;
  const separator = region.startsWith(';') ? ';' : '&';
  for (const pair of region.slice(1).split(separator)) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    const values = into.get(name);
    if (values === undefined) into.set(name, [value]);
    else values.push(value);
  }
}

/** Assigns the items of an unnamed expression's region to its variables in order. */
function assignPositional(
  expr: Expression,
  region: string,
  into: [string, string | string[]][],
): boolean {
  const op = OPERATORS[expr.operator];
  if (region === '') return true;
  const body = region.slice(op.first.length);
  const single = expr.vars.length === 1 && !(expr.vars[0]?.explode ?? false);
  const items = single ? [body] : body.split(op.separator);
  for (let index = 0; index < expr.vars.length && index < items.length; index++) {
    const spec = expr.vars[index];
    if (spec === undefined) break;
    const decoded = decodeAll(spec.explode ? items.slice(index) : items.slice(index, index + 1));
    if (decoded === undefined) return false;
    into.push([spec.name, spec.explode ? decoded : decoded.join('')]);
    if (spec.explode) break;
  }
  return true;
}
