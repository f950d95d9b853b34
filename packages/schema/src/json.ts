import * as z from 'zod/mini';

/**
 * Any JSON value.
 *
 * Deliberately wider than the `JSONValue` in the published `schema.json`, whose generator emits
 * `string | integer | boolean | object | array`: the authoritative `schema.ts` allows every JSON
 * number and `null` (see spec digest README, ambiguity #10).
 */
export type JSONValue = string | number | boolean | null | JSONObject | JSONArray;

/** A JSON object whose values are {@link JSONValue}s. */
// An interface (not `Record`) because the type refers to itself through `JSONValue`.
export interface JSONObject {
  [key: string]: JSONValue;
}

/** A JSON array of {@link JSONValue}s. */
export type JSONArray = JSONValue[];

/**
 * Validates any JSON value, including non-integer numbers and `null`.
 *
 * The only `z.lazy` in this package: JSON is recursive. It is used where the spec says
 * `JSONObject` (`experimental`, `extensions`, sampling `metadata`), never for `unknown` fields
 * such as tool `arguments`, whose contents are validated by the tool, not the protocol.
 */
export const JSONValueSchema: z.ZodMiniType<JSONValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JSONValueSchema),
    z.record(z.string(), JSONValueSchema),
  ]),
);

/** Validates a JSON object whose values are {@link JSONValue}s. */
export const JSONObjectSchema: z.ZodMiniType<JSONObject> = z.record(z.string(), JSONValueSchema);

/** Validates a JSON array of {@link JSONValue}s. */
export const JSONArraySchema: z.ZodMiniType<JSONArray> = z.array(JSONValueSchema);

/**
 * An object whose members are not validated: the spec types it `{ [key: string]: unknown }`.
 * Used for tool `arguments`, `input`, request `params` on generic envelopes and the like.
 * @internal
 */
export const openObjectSchema = z.record(z.string(), z.unknown());
