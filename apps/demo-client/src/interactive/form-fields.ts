import type { ElicitRequestFormParams } from '@tern/schema';

/** One option of a choice field. */
export interface ChoiceOption {
  value: string;
  title: string;
}

interface FieldBase {
  name: string;
  /** What to show: the field's `title`, else its name. */
  label: string;
  description: string | undefined;
  required: boolean;
}

/**
 * A form field of an elicitation, classified by how a terminal asks for it. This covers every
 * field kind of the 2026-07-28 restricted schema: strings (with `format`), numbers and integers,
 * booleans, single choices (plain `enum`, titled `oneOf`, legacy `enumNames`) and multiple
 * choices (`items.enum`, titled `items.anyOf`).
 */
export type FormField =
  | (FieldBase & { kind: 'boolean'; default: boolean | undefined })
  | (FieldBase & {
      kind: 'number';
      integer: boolean;
      minimum: number | undefined;
      maximum: number | undefined;
      default: number | undefined;
    })
  | (FieldBase & {
      kind: 'string';
      format: string | undefined;
      minLength: number | undefined;
      maxLength: number | undefined;
      default: string | undefined;
    })
  | (FieldBase & { kind: 'choice'; options: ChoiceOption[]; default: string | undefined })
  | (FieldBase & {
      kind: 'multi-choice';
      options: ChoiceOption[];
      minItems: number | undefined;
      maxItems: number | undefined;
      default: string[] | undefined;
    });

/** A value a form field can hold. */
export type FieldValue = string | number | boolean | string[];

/** The outcome of reading what the user typed for one field. */
export type FieldInput = { ok: true; value: FieldValue | undefined } | { ok: false; error: string };

type Json = Record<string, unknown>;

/** Turns a `requestedSchema` into fields, in the order the server listed them. */
export function toFormFields(
  requestedSchema: ElicitRequestFormParams['requestedSchema'],
): FormField[] {
  const required = new Set(requestedSchema.required ?? []);
  return Object.entries(requestedSchema.properties).map(([name, raw]) => {
    const schema = raw as Json;
    const base: FieldBase = {
      name,
      label: text(schema['title']) ?? name,
      description: text(schema['description']),
      required: required.has(name),
    };
    if (schema['type'] === 'array') {
      const items = (schema['items'] ?? {}) as Json;
      return {
        ...base,
        kind: 'multi-choice',
        options: options(items['anyOf'], items['enum'], undefined),
        minItems: num(schema['minItems']),
        maxItems: num(schema['maxItems']),
        default: Array.isArray(schema['default']) ? schema['default'].map(String) : undefined,
      };
    }
    if (Array.isArray(schema['oneOf']) || Array.isArray(schema['enum'])) {
      return {
        ...base,
        kind: 'choice',
        options: options(schema['oneOf'], schema['enum'], schema['enumNames']),
        default: text(schema['default']),
      };
    }
    if (schema['type'] === 'boolean') {
      return {
        ...base,
        kind: 'boolean',
        default: typeof schema['default'] === 'boolean' ? schema['default'] : undefined,
      };
    }
    if (schema['type'] === 'number' || schema['type'] === 'integer') {
      return {
        ...base,
        kind: 'number',
        integer: schema['type'] === 'integer',
        minimum: num(schema['minimum']),
        maximum: num(schema['maximum']),
        default: num(schema['default']),
      };
    }
    return {
      ...base,
      kind: 'string',
      format: text(schema['format']),
      minLength: num(schema['minLength']),
      maxLength: num(schema['maxLength']),
      default: text(schema['default']),
    };
  });
}

/** The text to pre-fill for a field: its default, as the user would type it. */
export function defaultText(field: FormField): string | undefined {
  if (field.default === undefined) return undefined;
  if (field.kind === 'boolean') return field.default ? 'yes' : 'no';
  if (field.kind === 'multi-choice') return field.default.join(', ');
  return String(field.default);
}

/** A short hint of what may be typed: `yes/no`, `1-21`, `YYYY-MM-DD`, `1-3 or a value`, … */
export function inputHint(field: FormField): string {
  switch (field.kind) {
    case 'boolean':
      return 'yes/no';
    case 'number': {
      const kind = field.integer ? 'whole number' : 'number';
      if (field.minimum !== undefined && field.maximum !== undefined)
        return `${kind} ${field.minimum}–${field.maximum}`;
      return kind;
    }
    case 'string':
      return field.format === 'date' ? 'YYYY-MM-DD' : (field.format ?? 'text');
    case 'choice':
      return `1-${field.options.length}`;
    case 'multi-choice':
      return 'numbers or values, comma-separated; empty for none';
  }
}

/**
 * Reads what the user typed. Empty input takes the default, or leaves an optional field out.
 * Choices accept the option's number, its value or its title.
 */
export function parseFieldInput(field: FormField, raw: string): FieldInput {
  const input = raw.trim();
  if (input === '') {
    if (field.default !== undefined) return { ok: true, value: field.default };
    if (field.kind === 'multi-choice' && (field.minItems ?? 0) === 0)
      return { ok: true, value: [] };
    return field.required ? { ok: false, error: 'required' } : { ok: true, value: undefined };
  }
  switch (field.kind) {
    case 'boolean':
      return parseBoolean(input);
    case 'number':
      return parseNumber(field, input);
    case 'string':
      return parseString(field, input);
    case 'choice': {
      const option = findOption(field.options, input);
      return option === undefined
        ? { ok: false, error: `choose 1-${field.options.length}` }
        : { ok: true, value: option.value };
    }
    case 'multi-choice':
      return parseMulti(field, input);
  }
}

function parseBoolean(input: string): FieldInput {
  const lower = input.toLowerCase();
  if (['y', 'yes', 'true', '1'].includes(lower)) return { ok: true, value: true };
  if (['n', 'no', 'false', '0'].includes(lower)) return { ok: true, value: false };
  return { ok: false, error: 'answer yes or no' };
}

function parseNumber(field: Extract<FormField, { kind: 'number' }>, input: string): FieldInput {
  const value = Number(input);
  if (!Number.isFinite(value)) return { ok: false, error: 'not a number' };
  if (field.integer && !Number.isInteger(value))
    return { ok: false, error: 'must be a whole number' };
  if (field.minimum !== undefined && value < field.minimum)
    return { ok: false, error: `at least ${field.minimum}` };
  if (field.maximum !== undefined && value > field.maximum)
    return { ok: false, error: `at most ${field.maximum}` };
  return { ok: true, value };
}

function parseString(field: Extract<FormField, { kind: 'string' }>, input: string): FieldInput {
  if (field.minLength !== undefined && input.length < field.minLength) {
    return { ok: false, error: `at least ${field.minLength} characters` };
  }
  if (field.maxLength !== undefined && input.length > field.maxLength) {
    return { ok: false, error: `at most ${field.maxLength} characters` };
  }
  const problem = formatProblem(field.format, input);
  return problem === undefined ? { ok: true, value: input } : { ok: false, error: problem };
}

function formatProblem(format: string | undefined, input: string): string | undefined {
  switch (format) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(input) && !Number.isNaN(Date.parse(input))
        ? undefined
        : 'a date, YYYY-MM-DD';
    case 'date-time':
      return Number.isNaN(Date.parse(input))
        ? 'a date and time, e.g. 2026-09-18T09:30:00Z'
        : undefined;
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input) ? undefined : 'an email address';
    case 'uri':
      return URL.canParse(input) ? undefined : 'a URI, e.g. https://example.com';
    case undefined:
    default:
      return undefined;
  }
}

function parseMulti(
  field: Extract<FormField, { kind: 'multi-choice' }>,
  input: string,
): FieldInput {
  const chosen: string[] = [];
  for (const part of input
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')) {
    const option = findOption(field.options, part);
    if (option === undefined) return { ok: false, error: `"${part}" is not one of the options` };
    if (!chosen.includes(option.value)) chosen.push(option.value);
  }
  if (field.minItems !== undefined && chosen.length < field.minItems)
    return { ok: false, error: `choose at least ${field.minItems}` };
  if (field.maxItems !== undefined && chosen.length > field.maxItems)
    return { ok: false, error: `choose at most ${field.maxItems}` };
  return { ok: true, value: chosen };
}

function findOption(choices: readonly ChoiceOption[], input: string): ChoiceOption | undefined {
  const index = /^\d+$/.test(input) ? Number(input) - 1 : -1;
  const lower = input.toLowerCase();
  return (
    choices[index] ??
    choices.find((option) => option.value === input) ??
    choices.find(
      (option) => option.value.toLowerCase() === lower || option.title.toLowerCase() === lower,
    )
  );
}

/** Options from titled `{ const, title }` entries, else plain values (titled by `enumNames`). */
function options(titled: unknown, plain: unknown, names: unknown): ChoiceOption[] {
  if (Array.isArray(titled)) {
    return titled.map((entry) => {
      const option = entry as Json;
      const value = String(option['const']);
      return { value, title: text(option['title']) ?? value };
    });
  }
  const titles = Array.isArray(names) ? names : [];
  return (Array.isArray(plain) ? plain : []).map((value, index) => ({
    value: String(value),
    title: text(titles[index]) ?? String(value),
  }));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
