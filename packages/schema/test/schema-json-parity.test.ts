// Checks, definition by definition, that our Zod schemas describe the same shapes as the official
// JSON Schemas (read from ../shared at run time): same property names, same required members, same
// literals, enums, bounds and union members. A misspelled, missing or wrongly optional field
// fails here. Deliberate deviations are patched into the spec side below, each with its reason,
// and each patch asserts that the deviation still exists.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as legacy from '../src/legacy/index.js';
import * as modern from '../src/index.js';
import { compareSchemas, type CompareOptions, type Node } from './helpers/json-schema-compare.js';
import { readSharedJson, report, requireSharedRevision } from './helpers/shared-schema.js';

const MODERN = '2026-07-28';
const LEGACY = '2025-11-25';
requireSharedRevision(MODERN);
requireSharedRevision(LEGACY);

type Defs = Record<string, Node>;

function loadDefs(revision: string): Defs {
  const document = readSharedJson(revision, 'schema.json') as { $defs: Defs };
  return structuredClone(document.$defs);
}

/**
 * Replaces `type: [..., "integer", ...]` in the union at `node` with the given types. The
 * generator of schema.json narrows `number` to `integer` and drops `null` (spec digest README,
 * issue #10); schema.ts, which is authoritative, says `number` (and `null` for JSONValue).
 */
function widenGeneratorQuirk(node: Node | undefined, types: string[], where: string): void {
  const union = node?.anyOf;
  const member = Array.isArray(union)
    ? (union as Node[]).find((candidate) => Array.isArray(candidate.type))
    : undefined;
  if (member === undefined || !(member.type as string[]).includes('integer')) {
    throw new Error(`${where}: the integer-only generator quirk is gone; drop this patch`);
  }
  member.type = types;
}

function patchElicitResultContent(defs: Defs, revision: string): void {
  const content = (defs['ElicitResult']?.properties as Record<string, Node> | undefined)?.[
    'content'
  ];
  widenGeneratorQuirk(
    content?.additionalProperties as Node | undefined,
    ['string', 'number', 'boolean'],
    `${revision} ElicitResult.content`,
  );
}

function toJsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): Node {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

/** Differences between a spec definition and our schema, for both parse directions. */
function differences(spec: Node, ours: z.core.$ZodType, options: CompareOptions): string[] {
  const input = compareSchemas(spec, toJsonSchema(ours, 'input'), options);
  const output = compareSchemas(spec, toJsonSchema(ours, 'output'), options);
  if (JSON.stringify(input) === JSON.stringify(output)) return input;
  return [...input.map((issue) => `input ${issue}`), ...output.map((issue) => `output ${issue}`)];
}

function exported(module: object, name: string): z.core.$ZodType | undefined {
  const value = (module as Record<string, unknown>)[name];
  return value instanceof z.core.$ZodType ? value : undefined;
}

describe(`${MODERN} schema.json parity`, () => {
  const defs = loadDefs(MODERN);
  widenGeneratorQuirk(defs['JSONValue'], ['string', 'number', 'boolean', 'null'], 'JSONValue');
  patchElicitResultContent(defs, MODERN);
  const names = Object.keys(defs).sort();
  const results = names.map((name) => {
    const ours = exported(modern, `${name}Schema`);
    const spec = defs[name] ?? {};
    return {
      name,
      issues:
        ours === undefined
          ? [`${name}Schema is not exported`]
          : differences(spec, ours, { specDefs: defs }),
    };
  });

  it.each(results)('matches $name', ({ issues }) => {
    expect(issues).toEqual([]);
  });

  it('matches every definition and reports the count', () => {
    const matched = results.filter((result) => result.issues.length === 0).length;
    report(`schema parity: ${String(matched)}/${String(names.length)} definitions matched`);
    expect(names).toHaveLength(155);
    expect(matched).toBe(names.length);
  });
});

describe(`${LEGACY} schema.json parity`, () => {
  const defs = loadDefs(LEGACY);
  patchElicitResultContent(defs, LEGACY);
  const modernDefs = loadDefs(MODERN);
  const names = Object.keys(defs).sort();

  // Which of our schemas stands for each 2025-11-25 definition: a `Legacy<Name>` export, a
  // legacy-only export under the spec's name, or (for definitions that did not change) the 2026
  // export from the root entry point.
  const mapped = names.map((name) => {
    const legacyVariant = exported(legacy, `Legacy${name}Schema`);
    const legacyOnly = name in modernDefs ? undefined : exported(legacy, `${name}Schema`);
    const ours = legacyVariant ?? legacyOnly;
    const reused = ours === undefined ? exported(modern, `${name}Schema`) : undefined;
    return { name, ours, reused, isLegacyOnly: !(name in modernDefs) };
  });
  const compared = mapped.map(({ name, ours, reused, isLegacyOnly }) => {
    const schema = ours ?? reused;
    const spec = defs[name] ?? {};
    const issues =
      schema === undefined
        ? [`no Legacy${name}Schema, ${name}Schema (legacy) or ${name}Schema (2026) export`]
        : differences(spec, schema, { specDefs: defs, shallowMeta: true });
    return { name, issues, kind: ours === undefined ? 'reused' : 'legacy', isLegacyOnly };
  });
  const legacyResults = compared.filter((result) => result.kind === 'legacy');
  const reusedResults = compared.filter((result) => result.kind === 'reused');

  it.each(legacyResults)('matches $name (Legacy* or legacy-only export)', ({ issues }) => {
    expect(issues).toEqual([]);
  });

  it.each(reusedResults)('matches $name (unchanged; the 2026 schema is reused)', ({ issues }) => {
    expect(issues).toEqual([]);
  });

  it('exports every legacy-only definition', () => {
    const missing = compared
      .filter((result) => result.isLegacyOnly && result.kind !== 'legacy')
      .map((result) => result.name);
    expect(missing).toEqual([]);
  });

  it('accounts for every definition and reports the counts', () => {
    const matched = legacyResults.filter((result) => result.issues.length === 0).length;
    const reusedMatched = reusedResults.filter((result) => result.issues.length === 0).length;
    report(
      `legacy schema parity: ${String(matched)}/${String(legacyResults.length)} definitions matched ` +
        `(Legacy* and legacy-only exports); ${String(reusedMatched)}/${String(reusedResults.length)} ` +
        'unchanged definitions matched by the 2026 schema',
    );
    expect(legacyResults.length + reusedResults.length).toBe(names.length);
    expect(matched).toBe(legacyResults.length);
    expect(reusedMatched).toBe(reusedResults.length);
  });
});

describe('compareSchemas', () => {
  const spec: Node = {
    type: 'object',
    properties: {
      type: { type: 'string', const: 'text' },
      text: { type: 'string' },
      ttlMs: { type: 'integer', minimum: 0 },
    },
    required: ['type', 'text', 'ttlMs'],
  };
  const check = (ours: z.core.$ZodType) =>
    compareSchemas(spec, toJsonSchema(ours, 'output'), { specDefs: {} });
  const good = { type: z.literal('text'), text: z.string(), ttlMs: z.int().min(0) };

  it('accepts a faithful schema', () => {
    expect(check(z.looseObject(good))).toEqual([]);
  });

  it('reports a misspelled member', () => {
    const { text: _text, ...rest } = good;
    expect(check(z.looseObject({ ...rest, txt: z.string() }))).not.toEqual([]);
  });

  it('reports a required member made optional', () => {
    expect(check(z.looseObject({ ...good, text: z.string().optional() }))).not.toEqual([]);
  });

  it('reports a wrong literal, kind or bound', () => {
    expect(check(z.looseObject({ ...good, type: z.literal('txt') }))).not.toEqual([]);
    expect(check(z.looseObject({ ...good, text: z.number() }))).not.toEqual([]);
    expect(check(z.looseObject({ ...good, ttlMs: z.int() }))).not.toEqual([]);
  });

  it('reports a closed object where the spec is open', () => {
    expect(check(z.strictObject(good))).not.toEqual([]);
  });
});
