/**
 * Sorts one property of an elicitation `requestedSchema` into the control that shows it. The spec
 * restricts form fields to flat primitives: strings (with `format`, `minLength`, `maxLength`),
 * numbers and integers (with `minimum`, `maximum`), booleans, single-select enums (`enum`,
 * `oneOf` of `{ const, title }`, or the deprecated `enumNames`) and multi-select enums (`array`
 * with `items.enum` or `items.anyOf`).
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/client/elicitation
 */
import type { PrimitiveSchemaDefinition } from '@tern/schema';

/** One choice of a select field. */
export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

/** What every kind shares. */
interface FieldBase {
  readonly label: string;
  readonly description: string | undefined;
}

/** How the page shows a field. */
export type FieldKind =
  | (FieldBase & {
      readonly kind: 'text';
      readonly inputType: 'text' | 'email' | 'url' | 'date' | 'datetime-local';
      readonly minLength: number | undefined;
      readonly maxLength: number | undefined;
      readonly defaultValue: string | undefined;
    })
  | (FieldBase & {
      readonly kind: 'number';
      readonly integer: boolean;
      readonly minimum: number | undefined;
      readonly maximum: number | undefined;
      readonly defaultValue: number | undefined;
    })
  | (FieldBase & { readonly kind: 'boolean'; readonly defaultValue: boolean | undefined })
  | (FieldBase & {
      readonly kind: 'select';
      readonly options: readonly FieldOption[];
      readonly defaultValue: string | undefined;
    })
  | (FieldBase & {
      readonly kind: 'multi';
      readonly options: readonly FieldOption[];
      readonly minItems: number | undefined;
      readonly maxItems: number | undefined;
      readonly defaultValue: readonly string[];
    });

const INPUT_TYPE_OF_FORMAT = {
  email: 'email',
  uri: 'url',
  date: 'date',
  'date-time': 'datetime-local',
} as const;

/**
 * Classifies `schema`, the definition of the property `name`. Unknown shapes fall back to a
 * plain text field, so a server that sends more than the spec allows still gets an answer the
 * user can type (the client checks it against the schema before sending).
 */
export function toFieldKind(name: string, schema: PrimitiveSchemaDefinition): FieldKind {
  const raw = schema as Record<string, unknown>;
  const base: FieldBase = {
    label: stringOf(raw['title']) ?? name,
    description: stringOf(raw['description']),
  };
  const type = raw['type'];
  if (type === 'array') return multiSelect(raw, base);
  const options = singleSelectOptions(raw);
  if (options !== undefined) {
    return { ...base, kind: 'select', options, defaultValue: stringOf(raw['default']) };
  }
  if (type === 'boolean') {
    const value = raw['default'];
    return {
      ...base,
      kind: 'boolean',
      defaultValue: typeof value === 'boolean' ? value : undefined,
    };
  }
  if (type === 'number' || type === 'integer') {
    return {
      ...base,
      kind: 'number',
      integer: type === 'integer',
      minimum: numberOf(raw['minimum']),
      maximum: numberOf(raw['maximum']),
      defaultValue: numberOf(raw['default']),
    };
  }
  const format = stringOf(raw['format']);
  return {
    ...base,
    kind: 'text',
    inputType:
      format !== undefined && Object.hasOwn(INPUT_TYPE_OF_FORMAT, format)
        ? INPUT_TYPE_OF_FORMAT[format as keyof typeof INPUT_TYPE_OF_FORMAT]
        : 'text',
    minLength: numberOf(raw['minLength']),
    maxLength: numberOf(raw['maxLength']),
    defaultValue: stringOf(raw['default']),
  };
}

/** `enum` (labels from the deprecated parallel `enumNames` if present) or `oneOf` options. */
function singleSelectOptions(raw: Record<string, unknown>): FieldOption[] | undefined {
  const values = raw['enum'];
  if (Array.isArray(values)) {
    const names = Array.isArray(raw['enumNames']) ? raw['enumNames'] : [];
    return values.map((value, index) => ({
      value: String(value),
      label: stringOf(names[index]) ?? String(value),
    }));
  }
  return titledOptions(raw['oneOf']);
}

function multiSelect(raw: Record<string, unknown>, base: FieldBase): FieldKind {
  const items = (
    typeof raw['items'] === 'object' && raw['items'] !== null ? raw['items'] : {}
  ) as Record<string, unknown>;
  const plain = items['enum'];
  const options = Array.isArray(plain)
    ? plain.map((value) => ({ value: String(value), label: String(value) }))
    : (titledOptions(items['anyOf']) ?? []);
  const defaults = raw['default'];
  return {
    ...base,
    kind: 'multi',
    options,
    minItems: numberOf(raw['minItems']),
    maxItems: numberOf(raw['maxItems']),
    defaultValue: Array.isArray(defaults) ? defaults.map(String) : [],
  };
}

function titledOptions(list: unknown): FieldOption[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((option: unknown) => {
    const entry = (typeof option === 'object' && option !== null ? option : {}) as Record<
      string,
      unknown
    >;
    const value = String(entry['const']);
    return { value, label: stringOf(entry['title']) ?? value };
  });
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
