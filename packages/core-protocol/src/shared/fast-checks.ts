/**
 * Hand-written checks for the shapes every request carries, run before the zod schemas of
 * `@tern/schema` on the hot path (issue 20). Each one answers either "valid, and here is the value"
 * or "not sure": `undefined` sends the value to the zod schema, which accepts or refuses it with
 * its usual message. So a check may be stricter than its schema, never looser; the value it
 * returns is the input itself (zod returns a copy with the same members).
 *
 * @internal
 */
import type { ClientCapabilities, Implementation } from '@tern/schema';

/**
 * A JSON object as `JSON.parse` builds it: prototype `Object.prototype` (or none), and no own
 * `constructor` or `__proto__` member (zod's own object test looks at `constructor`, and a record
 * copy treats `__proto__` specially: such values take the schema's path).
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    !Object.hasOwn(value, 'constructor') &&
    !Object.hasOwn(value, '__proto__')
  );
}

function isEmptyRecord(value: unknown): boolean {
  return isPlainRecord(value) && Object.keys(value).length === 0;
}

/**
 * `ClientCapabilitiesSchema`, for capabilities two levels deep whose leaves are empty objects:
 * `{}`, `{ elicitation: { form: {}, url: {} }, sampling: {}, roots: {} }`. Every member of the
 * schema is an open object of optional JSON objects (or a map of them), so any such value is
 * valid; anything deeper goes to the schema.
 */
export function plainCapabilities(value: unknown): ClientCapabilities | undefined {
  if (!isPlainRecord(value)) return undefined;
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (!isPlainRecord(member)) return undefined;
    for (const inner of Object.keys(member)) {
      if (!isEmptyRecord(member[inner])) return undefined;
    }
  }
  return value;
}

const isOptionalString = (value: unknown): boolean =>
  value === undefined || typeof value === 'string';

/**
 * `ImplementationSchema`, for a `clientInfo` without `icons`: `name` and `version` strings, and
 * `title`, `description`, `websiteUrl` strings when present. Other members pass, as in the open
 * schema.
 */
export function plainImplementation(value: unknown): Implementation | undefined {
  if (!isPlainRecord(value)) return undefined;
  if (typeof value['name'] !== 'string' || typeof value['version'] !== 'string') return undefined;
  if (value['icons'] !== undefined) return undefined;
  if (
    !isOptionalString(value['title']) ||
    !isOptionalString(value['description']) ||
    !isOptionalString(value['websiteUrl'])
  ) {
    return undefined;
  }
  return value as Implementation;
}

/**
 * The params of a `tools/call` (`CallToolRequestParamsSchema` without `_meta`): a string `name`,
 * `arguments` an object when present, `inputResponses` absent or answers of form elicitations
 * only ({@link plainElicitAnswers}; other answers take the schema's path), `requestState` a
 * string when present.
 */
export function plainCallToolParams(params: unknown): Record<string, unknown> | undefined {
  if (!isPlainRecord(params)) return undefined;
  if (typeof params['name'] !== 'string') return undefined;
  const args = params['arguments'];
  if (args !== undefined && !isPlainRecord(args)) return undefined;
  const answers = params['inputResponses'];
  if (answers !== undefined && !plainElicitAnswers(answers)) return undefined;
  if (!isOptionalString(params['requestState'])) return undefined;
  return params;
}

const ELICIT_ACTIONS: ReadonlySet<unknown> = new Set(['accept', 'decline', 'cancel']);

/**
 * `InputResponsesSchema`, for answers that are all `ElicitResultSchema`: an `action` of the
 * three, and `content`, when present, an object of strings, finite numbers, booleans and arrays of
 * strings. Other members pass, as in the open schema. Each answer is checked again against what
 * was asked under its key when the conversation takes it (`normalizeAnswer`).
 */
export function plainElicitAnswers(value: unknown): boolean {
  if (!isPlainRecord(value)) return false;
  for (const key of Object.keys(value)) {
    const answer = value[key];
    if (!isPlainRecord(answer) || !ELICIT_ACTIONS.has(answer['action'])) return false;
    const content = answer['content'];
    if (content !== undefined && !isPlainFormContent(content)) return false;
  }
  return true;
}

function isPlainFormContent(content: unknown): boolean {
  if (!isPlainRecord(content)) return false;
  for (const key of Object.keys(content)) {
    const field = content[key];
    if (typeof field === 'string' || typeof field === 'boolean' || Number.isFinite(field)) continue;
    if (!Array.isArray(field) || !isStringArray(field)) return false;
  }
  return true;
}

/** Every index holds a string: a hole does not (`for...of` visits it, where `every` would skip it). */
function isStringArray(items: readonly unknown[]): boolean {
  for (const item of items) if (typeof item !== 'string') return false;
  return true;
}
