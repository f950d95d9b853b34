import { describe, expect, it } from 'vitest';
import { defaultText, parseFieldInput, toFormFields } from '../../src/interactive/form-fields.js';
import type { FormField } from '../../src/interactive/form-fields.js';

const fields = toFormFields({
  type: 'object',
  properties: {
    checkIn: { type: 'string', format: 'date', title: 'Check-in date' },
    email: { type: 'string', format: 'email' },
    note: { type: 'string', maxLength: 5 },
    nights: { type: 'integer', minimum: 1, maximum: 21, default: 3 },
    budget: { type: 'number' },
    confirm: { type: 'boolean', default: false },
    payment: { type: 'string', enum: ['card', 'invoice'] },
    room: {
      type: 'string',
      oneOf: [
        { const: 'standard', title: 'Standard double' },
        { const: 'suite', title: 'Junior suite' },
      ],
    },
    seat: { type: 'string', enum: ['w', 'a'], enumNames: ['Window', 'Aisle'] },
    extras: {
      type: 'array',
      items: { type: 'string', enum: ['breakfast', 'parking'] },
      default: [],
    },
    meals: {
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { const: 'veg', title: 'Vegetarian' },
          { const: 'fish', title: 'Fish' },
        ],
      },
    },
  },
  required: ['checkIn', 'email', 'meals'],
});

function field(name: string): FormField {
  const found = fields.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
}

describe('toFormFields', () => {
  it('classifies every field kind of a form elicitation', () => {
    expect(fields.map((entry) => [entry.name, entry.kind])).toEqual([
      ['checkIn', 'string'],
      ['email', 'string'],
      ['note', 'string'],
      ['nights', 'number'],
      ['budget', 'number'],
      ['confirm', 'boolean'],
      ['payment', 'choice'],
      ['room', 'choice'],
      ['seat', 'choice'],
      ['extras', 'multi-choice'],
      ['meals', 'multi-choice'],
    ]);
    expect(field('checkIn')).toMatchObject({ label: 'Check-in date', required: true });
    expect(field('seat')).toMatchObject({
      options: [
        { value: 'w', title: 'Window' },
        { value: 'a', title: 'Aisle' },
      ],
    });
  });

  it('pre-fills defaults as a person would type them', () => {
    expect(defaultText(field('nights'))).toBe('3');
    expect(defaultText(field('confirm'))).toBe('no');
    expect(defaultText(field('extras'))).toBe('');
    expect(defaultText(field('email'))).toBeUndefined();
  });
});

describe('parseFieldInput', () => {
  it.each([
    ['checkIn', '2026-09-18', '2026-09-18'],
    ['email', 'ada@example.com', 'ada@example.com'],
    ['nights', '', 3],
    ['nights', '7', 7],
    ['budget', '99.5', 99.5],
    ['confirm', 'y', true],
    ['confirm', 'No', false],
    ['payment', '2', 'invoice'],
    ['room', 'junior suite', 'suite'],
    ['seat', 'Window', 'w'],
    ['extras', '2, breakfast', ['parking', 'breakfast']],
    ['extras', '', []],
    ['meals', 'fish', ['fish']],
    ['note', '', undefined],
  ])('reads %s from %j', (name, input, value) => {
    expect(parseFieldInput(field(name), input)).toEqual({ ok: true, value });
  });

  it.each([
    ['checkIn', '18/09/2026', 'a date, YYYY-MM-DD'],
    ['email', 'ada', 'an email address'],
    ['email', '', 'required'],
    ['note', 'too long', 'at most 5 characters'],
    ['nights', '0', 'at least 1'],
    ['nights', '2.5', 'must be a whole number'],
    ['confirm', 'maybe', 'answer yes or no'],
    ['payment', '3', 'choose 1-2'],
    ['meals', '', 'required'],
    ['extras', 'spa', '"spa" is not one of the options'],
  ])('refuses %s from %j', (name, input, error) => {
    expect(parseFieldInput(field(name), input)).toEqual({ ok: false, error });
  });
});
