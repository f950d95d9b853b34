// Structural comparison of a definition from the official schema.json with the JSON Schema that
// `z.toJSONSchema` produces for our Zod schema. It checks what a misspelling or a wrong
// requiredness would break: property names, required sets, literal (`const`) and enum values,
// numeric bounds, primitive kinds, union members and array items, recursively through inline
// objects and `$ref`s. It ignores annotations (`description`, `format`) and where the two
// generators merely differ in form (`anyOf` vs `oneOf`, `type: [a, b]` vs `anyOf`, inlined vs
// referenced definitions).

/** A JSON Schema node, as parsed from JSON; the keywords this comparison reads are named. */
export interface Node {
  $ref?: unknown;
  $defs?: unknown;
  allOf?: unknown;
  anyOf?: unknown;
  oneOf?: unknown;
  type?: unknown;
  const?: unknown;
  enum?: unknown;
  properties?: unknown;
  required?: unknown;
  additionalProperties?: unknown;
  items?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  minItems?: unknown;
  maxItems?: unknown;
  [keyword: string]: unknown;
}

/** How to resolve `$ref`s on each side and what to relax. */
export interface CompareOptions {
  /** The `$defs` of the official schema (already patched for documented deviations). */
  readonly specDefs: Readonly<Record<string, Node>>;
  /** Compare `_meta` members only by kind (legacy `_meta` is an open object; ours names keys). */
  readonly shallowMeta?: boolean;
}

const MAX_DEPTH = 40;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNode(value: unknown): Node {
  if (value === true || value === undefined) return {};
  if (!isNode(value)) throw new Error(`not a schema node: ${JSON.stringify(value)}`);
  return value;
}

function resolve(node: Node, root: Node, defs: Readonly<Record<string, Node>>): Node {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string'; hops += 1) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    const ref = current.$ref;
    if (ref === '#') current = root;
    else if (ref.startsWith('#/$defs/')) {
      const target = defs[ref.slice('#/$defs/'.length)];
      if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
      current = target;
    } else throw new Error(`unsupported $ref ${ref}`);
  }
  return current;
}

/** Merges `allOf` members (the spec's `Error & { code: … }` pattern) into one object schema. */
function mergeAllOf(node: Node, resolveRef: (n: Node) => Node): Node {
  if (!Array.isArray(node.allOf)) return node;
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const part of node.allOf.map((member) => normalize(asNode(member), resolveRef))) {
    for (const [key, value] of Object.entries(asNode(part.properties))) {
      properties[key] = { ...asNode(properties[key]), ...asNode(value) };
    }
    for (const key of (part.required as string[] | undefined) ?? []) required.add(key);
  }
  return { type: 'object', properties, required: [...required] };
}

function normalize(node: Node, resolveRef: (n: Node) => Node): Node {
  return mergeAllOf(resolveRef(node), resolveRef);
}

/** Splits unions (`anyOf`, `oneOf`, `type: [...]`) into flat member lists. */
function members(node: Node, resolveRef: (n: Node) => Node): Node[] {
  const current = normalize(node, resolveRef);
  const union = current.anyOf ?? current.oneOf;
  if (Array.isArray(union)) return union.flatMap((member) => members(asNode(member), resolveRef));
  if (Array.isArray(current.type)) {
    return current.type.map((type: unknown) => ({ ...current, type }));
  }
  return [current];
}

function kind(node: Node): string {
  if (node.const !== undefined) return typeof node.const;
  if (typeof node.type === 'string') return node.type;
  if (node.properties !== undefined || node.additionalProperties !== undefined) return 'object';
  if (node.items !== undefined) return 'array';
  return 'any';
}

/** Identifies a union member by kind and, for objects, by property names. */
function signature(node: Node): string {
  const base = kind(node);
  if (base !== 'object') return node.const === undefined ? base : `${base}=${show(node.const)}`;
  return `object{${Object.keys(asNode(node.properties)).sort().join(',')}}`;
}

/** Renders a keyword value for a message. */
function show(value: unknown): string {
  return JSON.stringify(value);
}

function sorted(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String).sort() : [];
}

/** Where a comparison is: a readable path and the recursion depth. */
interface At {
  readonly path: string;
  readonly depth: number;
}

/** Compares two JSON Schema trees; returns human-readable differences (empty when they match). */
export function compareSchemas(spec: Node, ours: Node, options: CompareOptions): string[] {
  const resolveSpec = (node: Node) => resolve(node, spec, options.specDefs);
  const ourDefs = asNode(ours.$defs) as Record<string, Node>;
  const resolveOurs = (node: Node) => resolve(node, ours, ourDefs);
  const cleanPairs = new WeakMap<Node, WeakMap<Node, boolean>>();
  return run(spec, ours, '');

  /**
   * Whether two union members compare clean. Memoised because unions nest, and optimistic while a
   * pair is being compared, because recursive definitions (JSONValue) reach the same pair again.
   */
  function isClean(specNode: Node, ourNode: Node): boolean {
    const known = cleanPairs.get(specNode) ?? new WeakMap<Node, boolean>();
    cleanPairs.set(specNode, known);
    const cached = known.get(ourNode);
    if (cached !== undefined) return cached;
    known.set(ourNode, true);
    const clean = run(specNode, ourNode, '').length === 0;
    known.set(ourNode, clean);
    return clean;
  }

  /** One comparison with its own issue list and recursion guard. */
  function run(specRoot: Node, ourRoot: Node, rootPath: string): string[] {
    const issues: string[] = [];
    const seen = new WeakMap<Node, WeakSet<Node>>();

    const visit = (specNode: Node, ourNode: Node, { path, depth }: At): void => {
      if (depth > MAX_DEPTH) return;
      const specMembers = members(specNode, resolveSpec);
      const ourMembers = members(ourNode, resolveOurs);
      if (specMembers.length === 1 && ourMembers.length === 1) {
        visitOne(specMembers[0] ?? {}, ourMembers[0] ?? {}, { path, depth });
        return;
      }
      const specSigs = specMembers.map(signature).sort();
      const ourSigs = ourMembers.map(signature).sort();
      if (JSON.stringify(specSigs) !== JSON.stringify(ourSigs)) {
        issues.push(
          `${path}: union members differ: spec [${specSigs.join(' | ')}], ours [${ourSigs.join(' | ')}]`,
        );
        return;
      }
      // Pair members with equal signatures; where several share one (e.g. two results with only
      // `_meta` and `resultType`), prefer the pairing that compares clean.
      const unused = [...ourMembers];
      for (const member of specMembers) {
        const candidates = unused.filter((candidate) => signature(candidate) === signature(member));
        const memberPath = `${path}|${signature(member)}`;
        const clean = candidates.find((candidate) => isClean(member, candidate));
        const chosen = clean ?? candidates[0] ?? {};
        unused.splice(unused.indexOf(chosen), 1);
        visitOne(member, chosen, { path: memberPath, depth: depth + 1 });
      }
    };

    const visitOne = (specNode: Node, ourNode: Node, at: At): void => {
      const { path, depth } = at;
      const pairs = seen.get(specNode) ?? new WeakSet<Node>();
      if (pairs.has(ourNode)) return;
      pairs.add(ourNode);
      seen.set(specNode, pairs);

      const specKind = kind(specNode);
      const ourKind = kind(ourNode);
      if (specKind !== ourKind) {
        issues.push(`${path}: kind differs: spec ${specKind}, ours ${ourKind}`);
        return;
      }
      if (specNode.const !== undefined && specNode.const !== ourNode.const) {
        issues.push(
          `${path}: const differs: spec ${show(specNode.const)}, ours ${show(ourNode.const)}`,
        );
      }
      if (specNode.enum !== undefined) {
        const specEnum = sorted(specNode.enum).join(',');
        const ourEnum = sorted(ourNode.enum).join(',');
        if (specEnum !== ourEnum) {
          issues.push(`${path}: enum differs: spec [${specEnum}], ours [${ourEnum}]`);
        }
      }
      for (const bound of ['minimum', 'maximum', 'minItems', 'maxItems'] as const) {
        if (specNode[bound] !== undefined && specNode[bound] !== ourNode[bound]) {
          issues.push(
            `${path}: ${bound} differs: spec ${show(specNode[bound])}, ours ${show(ourNode[bound])}`,
          );
        }
      }
      if (specKind === 'object') visitObject(specNode, ourNode, at);
      if (specKind === 'array') {
        visit(asNode(specNode.items), asNode(ourNode.items), {
          path: `${path}[]`,
          depth: depth + 1,
        });
      }
    };

    const visitObject = (specNode: Node, ourNode: Node, { path, depth }: At): void => {
      const specProps = asNode(specNode.properties);
      const ourProps = asNode(ourNode.properties);
      const specKeys = Object.keys(specProps).sort();
      const ourKeys = Object.keys(ourProps).sort();
      if (specKeys.join(',') !== ourKeys.join(',')) {
        issues.push(
          `${path}: properties differ: spec {${specKeys.join(', ')}}, ours {${ourKeys.join(', ')}}`,
        );
      }
      const specRequired = sorted(specNode.required).join(',');
      const ourRequired = sorted(ourNode.required).join(',');
      if (specRequired !== ourRequired) {
        issues.push(`${path}: required differs: spec [${specRequired}], ours [${ourRequired}]`);
      }
      if (ourNode.additionalProperties === false && specNode.additionalProperties !== false) {
        issues.push(`${path}: ours is closed (additionalProperties: false) where the spec is open`);
      }
      for (const key of specKeys) {
        if (!(key in ourProps)) continue;
        const childPath = `${path}.${key}`;
        if (options.shallowMeta === true && key === '_meta') {
          const ourMeta = normalize(asNode(ourProps[key]), resolveOurs);
          if (kind(ourMeta) !== 'object') {
            issues.push(`${childPath}: kind differs: spec object, ours ${kind(ourMeta)}`);
          }
          continue;
        }
        visit(asNode(specProps[key]), asNode(ourProps[key]), { path: childPath, depth: depth + 1 });
      }
      const specExtra = specNode.additionalProperties;
      if (isNode(specExtra) && Object.keys(specExtra).length > 0) {
        visit(specExtra, asNode(ourNode.additionalProperties), {
          path: `${path}.*`,
          depth: depth + 1,
        });
      }
    };

    visit(specRoot, ourRoot, { path: rootPath, depth: 0 });
    return issues;
  }
}
