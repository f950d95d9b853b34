import * as z from 'zod/mini';

// The restricted JSON Schema subset a form-mode elicitation may request: flat objects whose
// properties are strings, numbers, booleans or enums. These are JSON Schema fragments, so they
// stay open: extra keywords pass through.

/** @internal `title` and `description` shared by every primitive schema. */
const describedShape = {
  /** Display title. */
  title: z.optional(z.string()),
  /** Display description. */
  description: z.optional(z.string()),
};

/** A string field, optionally with a `format` (`email`, `uri`, `date`, `date-time`). */
export const StringSchemaSchema = z.looseObject({
  type: z.literal('string'),
  ...describedShape,
  /** Minimum length. */
  minLength: z.optional(z.int()),
  /** Maximum length. */
  maxLength: z.optional(z.int()),
  /** Expected string format. */
  format: z.optional(z.enum(['email', 'uri', 'date', 'date-time'])),
  /** Default value. */
  default: z.optional(z.string()),
});
/** A string field of a form elicitation. */
export type StringSchema = z.infer<typeof StringSchemaSchema>;

/** A number or integer field. */
export const NumberSchemaSchema = z.looseObject({
  type: z.enum(['number', 'integer']),
  ...describedShape,
  /** Inclusive minimum. */
  minimum: z.optional(z.number()),
  /** Inclusive maximum. */
  maximum: z.optional(z.number()),
  /** Default value. */
  default: z.optional(z.number()),
});
/** A number field of a form elicitation. */
export type NumberSchema = z.infer<typeof NumberSchemaSchema>;

/** A boolean field. */
export const BooleanSchemaSchema = z.looseObject({
  type: z.literal('boolean'),
  ...describedShape,
  /** Default value. */
  default: z.optional(z.boolean()),
});
/** A boolean field of a form elicitation. */
export type BooleanSchema = z.infer<typeof BooleanSchemaSchema>;

/** @internal A `{ const, title }` option of a titled enum. */
const titledOptionSchema = z.looseObject({
  /** The value. */
  const: z.string(),
  /** Its display label. */
  title: z.string(),
});

/** Single selection from plain `enum` values. */
export const UntitledSingleSelectEnumSchemaSchema = z.looseObject({
  type: z.literal('string'),
  ...describedShape,
  /** The allowed values. */
  enum: z.array(z.string()),
  /** Default value. */
  default: z.optional(z.string()),
});
/** Single selection without display titles. */
export type UntitledSingleSelectEnumSchema = z.infer<typeof UntitledSingleSelectEnumSchemaSchema>;

/** Single selection from `oneOf: [{ const, title }]` options. */
export const TitledSingleSelectEnumSchemaSchema = z.looseObject({
  type: z.literal('string'),
  ...describedShape,
  /** The options with display titles. */
  oneOf: z.array(titledOptionSchema),
  /** Default value. */
  default: z.optional(z.string()),
});
/** Single selection with display titles. */
export type TitledSingleSelectEnumSchema = z.infer<typeof TitledSingleSelectEnumSchemaSchema>;

/** Multiple selection from plain `items.enum` values. */
export const UntitledMultiSelectEnumSchemaSchema = z.looseObject({
  type: z.literal('array'),
  ...describedShape,
  /** Minimum number of selections. */
  minItems: z.optional(z.int()),
  /** Maximum number of selections. */
  maxItems: z.optional(z.int()),
  /** The item schema: a string enum. */
  items: z.looseObject({
    type: z.literal('string'),
    /** The allowed values. */
    enum: z.array(z.string()),
  }),
  /** Default selections. */
  default: z.optional(z.array(z.string())),
});
/** Multiple selection without display titles. */
export type UntitledMultiSelectEnumSchema = z.infer<typeof UntitledMultiSelectEnumSchemaSchema>;

/** Multiple selection from `items.anyOf: [{ const, title }]` options. */
export const TitledMultiSelectEnumSchemaSchema = z.looseObject({
  type: z.literal('array'),
  ...describedShape,
  /** Minimum number of selections. */
  minItems: z.optional(z.int()),
  /** Maximum number of selections. */
  maxItems: z.optional(z.int()),
  /** The item schema: titled options. */
  items: z.looseObject({
    /** The options with display titles. */
    anyOf: z.array(titledOptionSchema),
  }),
  /** Default selections. */
  default: z.optional(z.array(z.string())),
});
/** Multiple selection with display titles. */
export type TitledMultiSelectEnumSchema = z.infer<typeof TitledMultiSelectEnumSchemaSchema>;

/**
 * Single selection with a parallel `enumNames` list. Deprecated by the spec in favour of
 * {@link TitledSingleSelectEnumSchemaSchema}; kept because older servers still send it.
 */
export const LegacyTitledEnumSchemaSchema = z.looseObject({
  type: z.literal('string'),
  ...describedShape,
  /** The allowed values. */
  enum: z.array(z.string()),
  /** Display names, parallel to `enum`. */
  enumNames: z.optional(z.array(z.string())),
  /** Default value. */
  default: z.optional(z.string()),
});
/** Deprecated titled single selection (`enumNames`). */
export type LegacyTitledEnumSchema = z.infer<typeof LegacyTitledEnumSchemaSchema>;

/** Any single-selection enum. */
export const SingleSelectEnumSchemaSchema = z.union([
  UntitledSingleSelectEnumSchemaSchema,
  TitledSingleSelectEnumSchemaSchema,
]);
/** Any single-selection enum. */
export type SingleSelectEnumSchema = z.infer<typeof SingleSelectEnumSchemaSchema>;

/** Any multiple-selection enum. */
export const MultiSelectEnumSchemaSchema = z.union([
  UntitledMultiSelectEnumSchemaSchema,
  TitledMultiSelectEnumSchemaSchema,
]);
/** Any multiple-selection enum. */
export type MultiSelectEnumSchema = z.infer<typeof MultiSelectEnumSchemaSchema>;

/** Any enum field. */
export const EnumSchemaSchema = z.union([
  UntitledSingleSelectEnumSchemaSchema,
  TitledSingleSelectEnumSchemaSchema,
  UntitledMultiSelectEnumSchemaSchema,
  TitledMultiSelectEnumSchemaSchema,
  LegacyTitledEnumSchemaSchema,
]);
/** Any enum field. */
export type EnumSchema = z.infer<typeof EnumSchemaSchema>;

/**
 * Any field a form elicitation may request. Members are open, so a value may satisfy several;
 * the union keeps the spec's member order and returns the value with every field intact.
 */
export const PrimitiveSchemaDefinitionSchema = z.union([
  StringSchemaSchema,
  NumberSchemaSchema,
  BooleanSchemaSchema,
  UntitledSingleSelectEnumSchemaSchema,
  TitledSingleSelectEnumSchemaSchema,
  UntitledMultiSelectEnumSchemaSchema,
  TitledMultiSelectEnumSchemaSchema,
  LegacyTitledEnumSchemaSchema,
]);
/** Any field a form elicitation may request. */
export type PrimitiveSchemaDefinition = z.infer<typeof PrimitiveSchemaDefinitionSchema>;
