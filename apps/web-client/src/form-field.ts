/**
 * One labelled control per elicitation field. Constraints of the schema become native
 * constraints (`required`, `minlength`, `type="email"`, `min`, ...), so the browser checks them
 * and announces problems to assistive technology; the client checks the answer against the
 * schema once more before it is sent.
 */
import { h, uniqueId } from './dom.js';
import type { FieldKind, FieldOption } from './field-kind.js';

/** A value an elicitation answer may hold. */
export type FieldValue = string | number | boolean | string[];

/** A rendered field. */
export interface FormField {
  readonly element: HTMLElement;
  /** The control that takes focus when the form opens. */
  readonly focusTarget: HTMLElement;
  /** The current value; `undefined` leaves the field out of the answer. */
  read(): FieldValue | undefined;
}

/** Renders the field `name` of kind `field`. */
export function renderFormField(name: string, field: FieldKind, isRequired: boolean): FormField {
  switch (field.kind) {
    case 'text':
      return textField(name, field, isRequired);
    case 'number':
      return numberField(name, field, isRequired);
    case 'boolean':
      return booleanField(name, field, isRequired);
    case 'select':
      return selectField(name, field, isRequired);
    case 'multi':
      return multiField(name, field, isRequired);
  }
}

type KindOf<TKind extends FieldKind['kind']> = Extract<FieldKind, { kind: TKind }>;

/** The label text with a visible required mark (the control itself carries `required`). */
function labelText(field: FieldKind, isRequired: boolean): (Node | string)[] {
  return isRequired
    ? [field.label, h('span', { class: 'required-mark', 'aria-hidden': 'true' }, [' *'])]
    : [field.label];
}

function hint(field: FieldKind, id: string, extra?: string): HTMLElement | undefined {
  const text = [field.description, extra].filter((part) => part !== undefined).join(' ');
  return text === '' ? undefined : h('p', { id, class: 'hint' }, [text]);
}

/** Wraps a single control with its label and hint. */
function wrap(
  control: HTMLElement,
  field: FieldKind,
  options: { isRequired: boolean; extra?: string | undefined },
): HTMLElement {
  const { isRequired, extra } = options;
  const id = uniqueId('field');
  const hintId = `${id}-hint`;
  const help = hint(field, hintId, extra);
  control.id = id;
  if (help !== undefined) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, [
    h('label', { for: id }, labelText(field, isRequired)),
    control,
    help,
  ]);
}

function textField(name: string, field: KindOf<'text'>, isRequired: boolean): FormField {
  const input = h('input', {
    name,
    type: field.inputType,
    required: isRequired,
    minlength: field.minLength,
    maxlength: field.maxLength,
    autocomplete: field.inputType === 'email' ? 'email' : 'off',
  });
  if (field.defaultValue !== undefined) {
    input.value =
      field.inputType === 'datetime-local'
        ? toLocalDateTime(field.defaultValue)
        : field.defaultValue;
  }
  const lengths = lengthHint(field.minLength, field.maxLength);
  return {
    element: wrap(input, field, { isRequired, extra: lengths }),
    focusTarget: input,
    read: () => {
      if (input.value === '') return undefined;
      // `datetime-local` has no zone; the schema's `date-time` is RFC 3339, so send UTC.
      return field.inputType === 'datetime-local'
        ? new Date(input.value).toISOString()
        : input.value;
    },
  };
}

function numberField(name: string, field: KindOf<'number'>, isRequired: boolean): FormField {
  const input = h('input', {
    name,
    type: 'number',
    inputmode: field.integer ? 'numeric' : 'decimal',
    step: field.integer ? 1 : 'any',
    required: isRequired,
    min: field.minimum,
    max: field.maximum,
    value: field.defaultValue,
  });
  const range = rangeHint(
    field.minimum,
    field.maximum,
    field.integer ? 'A whole number' : 'A number',
  );
  return {
    element: wrap(input, field, { isRequired, extra: range }),
    focusTarget: input,
    read: () =>
      input.value === '' || Number.isNaN(input.valueAsNumber) ? undefined : input.valueAsNumber,
  };
}

/**
 * A checkbox always has a value, so a boolean is always sent: a required boolean is satisfied
 * whether it is ticked or not (JSON Schema `required` means present, not true).
 */
function booleanField(name: string, field: KindOf<'boolean'>, isRequired: boolean): FormField {
  const id = uniqueId('field');
  const hintId = `${id}-hint`;
  const help = hint(field, hintId);
  const input = h('input', {
    id,
    name,
    type: 'checkbox',
    checked: field.defaultValue === true,
    'aria-describedby': help === undefined ? undefined : hintId,
  });
  return {
    element: h('div', { class: 'field field-checkbox' }, [
      input,
      h('label', { for: id }, labelText(field, isRequired)),
      help,
    ]),
    focusTarget: input,
    read: () => input.checked,
  };
}

function selectField(name: string, field: KindOf<'select'>, isRequired: boolean): FormField {
  const select = h('select', { name, required: isRequired });
  // An empty first choice: a required field without a default must be chosen on purpose, and an
  // optional one can be left out.
  if (field.defaultValue === undefined || !isRequired) {
    select.append(h('option', { value: '' }, [isRequired ? 'Choose…' : '(none)']));
  }
  for (const option of field.options) {
    select.append(
      h('option', { value: option.value, selected: option.value === field.defaultValue }, [
        option.label,
      ]),
    );
  }
  return {
    element: wrap(select, field, { isRequired }),
    focusTarget: select,
    read: () => (select.value === '' ? undefined : select.value),
  };
}

function multiField(name: string, field: KindOf<'multi'>, isRequired: boolean): FormField {
  const id = uniqueId('field');
  const hintId = `${id}-hint`;
  const countHint =
    field.minItems === undefined && field.maxItems === undefined
      ? undefined
      : `Choose ${rangeText(field.minItems, field.maxItems)}.`;
  const help = hint(field, hintId, countHint);
  const boxes = field.options.map((option) =>
    checkbox(name, option, field.defaultValue.includes(option.value)),
  );
  const inputs = boxes.map((box) => box.input);
  const fieldset = h(
    'fieldset',
    { class: 'field field-multi', 'aria-describedby': help === undefined ? undefined : hintId },
    [h('legend', {}, labelText(field, isRequired)), ...boxes.map((box) => box.element), help],
  );
  const chosen = (): string[] =>
    inputs.filter((input) => input.checked).map((input) => input.value);
  // Checkbox groups have no native count constraint: report it through the first box.
  const check = (): void => {
    const count = chosen().length;
    const tooFew = field.minItems !== undefined && count < field.minItems;
    const tooMany = field.maxItems !== undefined && count > field.maxItems;
    const message = tooFew || tooMany ? `Choose ${rangeText(field.minItems, field.maxItems)}.` : '';
    inputs[0]?.setCustomValidity(message);
  };
  for (const input of inputs) input.addEventListener('change', check);
  check();
  return {
    element: fieldset,
    focusTarget: inputs[0] ?? fieldset,
    read: () => {
      const values = chosen();
      return values.length === 0 && !isRequired ? undefined : values;
    },
  };
}

function checkbox(
  name: string,
  option: FieldOption,
  checked: boolean,
): { element: HTMLElement; input: HTMLInputElement } {
  const id = uniqueId('option');
  const input = h('input', { id, name, type: 'checkbox', value: option.value, checked });
  return {
    element: h('div', { class: 'choice' }, [input, h('label', { for: id }, [option.label])]),
    input,
  };
}

function lengthHint(min: number | undefined, max: number | undefined): string | undefined {
  return min === undefined && max === undefined
    ? undefined
    : `${capitalize(rangeText(min, max))} characters.`;
}

function rangeHint(
  min: number | undefined,
  max: number | undefined,
  subject: string,
): string | undefined {
  return min === undefined && max === undefined ? undefined : `${subject}, ${rangeText(min, max)}.`;
}

/** `1 to 9`, `at least 1` or `at most 9`. */
function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${String(max)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An RFC 3339 date-time as the local `YYYY-MM-DDTHH:mm` a `datetime-local` input shows. */
function toLocalDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (part: number): string => String(part).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
