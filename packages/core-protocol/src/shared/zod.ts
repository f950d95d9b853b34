/**
 * The part of zod this package uses, written against zod's core (`zod/v4/core`) and never zod
 * classic. Every zod 4 schema, classic (`zod`) or mini (`zod/mini`), is a `$ZodType` of the core
 * and is parsed by the core's functions; zod's guide for library authors advises exactly this. It
 * lets users hand us either flavour, and keeps zod classic (about 60 KB minified) out of a browser
 * bundle of the client, whose own schemas (`@tern/schema`) are written in `zod/mini`.
 */
import { $ZodType, safeParse, toJSONSchema } from 'zod/v4/core';
import type { $ZodError, input, output } from 'zod/v4/core';

/** Any zod 4 schema, classic or mini, that outputs `TOutput`. */
export type ZodSchema<TOutput = unknown, TInput = unknown> = $ZodType<TOutput, TInput>;
/** What a zod schema outputs. */
export type ZodOutput<TSchema> = output<TSchema>;
/** What a zod schema accepts. */
export type ZodInput<TSchema> = input<TSchema>;
/** The error of a failed parse. */
export type ZodParseError = $ZodError;

/** True when `value` is a zod 4 schema (classic or mini, from any copy of zod 4). */
export function isZodSchema(value: unknown): value is ZodSchema {
  return value instanceof $ZodType;
}

export { safeParse, toJSONSchema };
