import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * What a step checks. Every check that is given must hold; a tool result with `isError: true`
 * fails the step unless `isError: true` is expected.
 */
const ExpectSchema = z.strictObject({
  /** Substrings that the text of the result (all text content, or the read contents) must contain. */
  text: z.array(z.string()).optional(),
  /** Exact values at paths of the result: `structuredContent.priceEur`, `content.1.type`, `messages.length`. */
  values: z.record(z.string(), z.unknown()).optional(),
  /** Whether the tool result is an error. Default false. */
  isError: z.boolean().optional(),
  /** Exactly this many `input_required` rounds. */
  rounds: z.number().int().min(0).optional(),
  /** At least this many progress notifications. */
  minProgress: z.number().int().min(1).optional(),
  /** Files that must exist afterwards. */
  files: z.array(z.string()).optional(),
  /** Names (tools, prompts) or URIs (resources, templates) a list must include. */
  includes: z.array(z.string()).optional(),
});

/** How the script answers one input request, by its key. */
const AnswerSchema = z.union([
  z.strictObject({
    action: z.enum(['accept', 'decline', 'cancel']),
    /** Form content. */
    content: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
      .optional(),
    /** For a URL: play the user in the browser (GET the page, then POST these fields to it). */
    visit: z.strictObject({ submit: z.record(z.string(), z.string()) }).optional(),
  }),
  /** A sampling answer. */
  z.strictObject({ model: z.string(), text: z.string() }),
  /** A roots answer. */
  z.strictObject({
    roots: z.array(z.strictObject({ uri: z.string(), name: z.string().optional() })),
  }),
]);

const common = {
  /** Shown in the output. */
  title: z.string(),
  expect: ExpectSchema.default({}),
  /** Variables for later steps: name → path in this step's result (`structuredContent.bookingId`). */
  save: z.record(z.string(), z.string()).optional(),
};
const answers = z.record(z.string(), AnswerSchema).default({});
const jsonObject = z.record(z.string(), z.unknown());

const StepSchema = z.union([
  z.strictObject({ ...common, discover: z.strictObject({}) }),
  z.strictObject({
    ...common,
    list: z.enum(['tools', 'resources', 'resourceTemplates', 'prompts']),
  }),
  z.strictObject({
    ...common,
    call: z.string(),
    arguments: jsonObject.default({}),
    answers,
    /**
     * `legacy`: call as a 2025-era client (an `initialize`d session). The server then asks with
     * real server-to-client requests, which carry no keys: answers are used in the order written.
     */
    era: z.enum(['modern', 'legacy']).default('modern'),
  }),
  z.strictObject({ ...common, read: z.string(), answers }),
  z.strictObject({
    ...common,
    prompt: z.string(),
    arguments: z.record(z.string(), z.string()).default({}),
    answers,
  }),
  z.strictObject({
    ...common,
    complete: z.strictObject({
      ref: z.union([
        z.strictObject({ type: z.literal('ref/prompt'), name: z.string() }),
        z.strictObject({ type: z.literal('ref/resource'), uri: z.string() }),
      ]),
      argument: z.strictObject({ name: z.string(), value: z.string() }),
    }),
  }),
  /** Opens a `subscriptions/listen` stream named by `as`, and waits for its acknowledgement. */
  z.strictObject({
    ...common,
    listen: z.strictObject({
      toolsListChanged: z.boolean().optional(),
      promptsListChanged: z.boolean().optional(),
      resourcesListChanged: z.boolean().optional(),
      resourceSubscriptions: z.array(z.string()).optional(),
    }),
    as: z.string(),
  }),
  /** Waits until a stream opened by `listen` delivered each method at least once, then closes it. */
  z.strictObject({
    ...common,
    awaitNotifications: z.strictObject({
      from: z.string(),
      methods: z.array(z.string()).min(1),
      timeoutMs: z.number().int().positive().default(5000),
    }),
  }),
]);

const ScriptSchema = z.strictObject({
  $comment: z.string().optional(),
  name: z.string(),
  steps: z.array(StepSchema).min(1),
});

/** A script: a named list of steps. */
export type Script = z.infer<typeof ScriptSchema>;
/** One step. */
export type Step = z.infer<typeof StepSchema>;
/** The checks of a step. */
export type Expect = z.infer<typeof ExpectSchema>;
/** One scripted answer. */
export type Answer = z.infer<typeof AnswerSchema>;

/** The file is not a valid script. */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';
}

/** Reads and checks a script file. @throws ScriptError */
export async function loadScript(path: string): Promise<Script> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ScriptError(
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = ScriptSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new ScriptError(`${path} is not a valid script:\n${problems}`);
  }
  return parsed.data;
}

/**
 * Replaces `${name}` in every string of `value` with a variable (from `save`, or the runner's
 * `tempDir` and `tempDirUrl`). @throws ScriptError for an unknown variable
 */
export function interpolate<TValue>(value: TValue, variables: ReadonlyMap<string, string>): TValue {
  if (typeof value === 'string') {
    return value.replaceAll(/\$\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
      const replacement = variables.get(name);
      if (replacement === undefined) throw new ScriptError(`Unknown variable \${${name}}`);
      return replacement;
    }) as TValue;
  }
  if (Array.isArray(value))
    return value.map((item: unknown) => interpolate(item, variables)) as TValue;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        interpolate(key, variables),
        interpolate(item, variables),
      ]),
    ) as TValue;
  }
  return value;
}
