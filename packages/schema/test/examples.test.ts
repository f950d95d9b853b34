// Parses every official 2026-07-28 example with the schema of the type it illustrates
// (examples/<TypeName>/*.json → `<TypeName>Schema`). The examples are read from ../shared at run
// time, never copied into the repository.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as schema from '../src/index.js';
import {
  listShared,
  readSharedJson,
  report,
  requireSharedRevision,
} from './helpers/shared-schema.js';

const REVISION = '2026-07-28';
requireSharedRevision(REVISION);

/**
 * Examples that contradict the spec itself and must therefore FAIL our schema. If one of them
 * starts to pass (the example was fixed, or our schema got looser), this suite fails and the entry
 * must be removed or re-argued.
 */
const EXPECTED_FAILURES: Record<string, string> = {
  'ReadResourceResultResponse/read-resource-result-response.json':
    'a complete ReadResourceResult without the required ttlMs and cacheScope (schema.json and ' +
    'caching.mdx require both; spec digest README, issue #11). Its sibling ' +
    'read-resource-result-response-with-ttl.json carries them and passes.',
};

/**
 * Examples the spec digest lists as questionable that are nevertheless valid for us. They are
 * asserted to PASS so that a tightening of our schemas is a deliberate decision.
 */
const QUESTIONABLE_BUT_VALID: Record<string, string> = {
  'ListRootsRequest/list-roots-request.json':
    'carries an `id`, which an MRTR input request never has. schema.json does not forbid extra ' +
    'members (no additionalProperties: false) and our message objects are open by policy, so the ' +
    '`id` passes through. Not an exception for us: rejecting it would also reject future fields.',
  'InvalidParamsError/invalid-tool-arguments.json':
    'schema-valid; disputed only semantically (server/tools.mdx classes bad tool arguments as a ' +
    'tool execution error, isError: true, rather than -32602). Shape validation cannot and ' +
    'should not decide that.',
};

interface Example {
  readonly typeName: string;
  readonly file: string;
  readonly key: string;
}

function collectExamples(): Example[] {
  return listShared(REVISION, 'examples').flatMap((typeName) =>
    listShared(REVISION, 'examples', typeName)
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({ typeName, file, key: `${typeName}/${file}` })),
  );
}

const examples = collectExamples();
const exportsByName = schema as unknown as Record<string, unknown>;

function schemaFor(typeName: string): z.core.$ZodType {
  const candidate = exportsByName[`${typeName}Schema`];
  if (!(candidate instanceof z.core.$ZodType)) throw new Error(`no export ${typeName}Schema`);
  return candidate;
}

function parseExample(example: Example) {
  const value = readSharedJson(REVISION, 'examples', example.typeName, example.file);
  return z.safeParse(schemaFor(example.typeName), value);
}

describe(`official ${REVISION} examples`, () => {
  it('finds examples and reports the count', () => {
    expect(examples.length).toBeGreaterThan(0);
    report(
      `examples: ${String(examples.length)} files, ${String(Object.keys(EXPECTED_FAILURES).length)} expected failures`,
    );
  });

  it('lists only exceptions that exist', () => {
    const keys = new Set(examples.map((example) => example.key));
    for (const key of [...Object.keys(EXPECTED_FAILURES), ...Object.keys(QUESTIONABLE_BUT_VALID)]) {
      expect(keys, key).toContain(key);
    }
  });

  it.each(examples.filter((example) => !(example.key in EXPECTED_FAILURES)))(
    'parses $key',
    (example) => {
      const result = parseExample(example);
      expect(result.error?.issues ?? [], example.key).toEqual([]);
    },
  );

  it.each(examples.filter((example) => example.key in EXPECTED_FAILURES))(
    'rejects $key, which contradicts the spec',
    (example) => {
      expect(parseExample(example).success, EXPECTED_FAILURES[example.key]).toBe(false);
    },
  );

  it('keeps the unknown `id` of the ListRootsRequest example instead of stripping it', () => {
    const value = readSharedJson(
      REVISION,
      'examples',
      'ListRootsRequest',
      'list-roots-request.json',
    );
    expect(schema.ListRootsRequestSchema.parse(value)).toEqual(value);
  });
});
