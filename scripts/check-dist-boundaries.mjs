// Dist boundary check (STYLE c.3, rule 3): after a build, no built file of a runtime-neutral
// package may import node:* or express, and no package may import a sibling it must not use.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** For each package: the @tern packages it may import, and whether node:* is allowed (and where). */
const rules = {
  jsonrpc: { siblings: [], node: false },
  schema: { siblings: ['jsonrpc'], node: false },
  'core-protocol': { siblings: ['jsonrpc', 'schema'], node: false },
  'server-http': { siblings: ['jsonrpc', 'schema', 'core-protocol'], node: 'adapters/' },
  'client-http': { siblings: ['jsonrpc', 'schema', 'core-protocol'], node: false },
  'legacy-compat': { siblings: ['jsonrpc', 'schema', 'core-protocol', 'server-http'], node: false },
  'server-auth': { siblings: ['server-http'], node: false },
  stdio: { siblings: ['jsonrpc', 'schema', 'core-protocol', 'legacy-compat'], node: '' },
  'client-auth': { siblings: ['jsonrpc', 'schema', 'core-protocol', 'client-http'], node: 'node/' },
  // Node-only: the Redis client speaks TCP through node:net.
  redis: { siblings: ['jsonrpc', 'schema', 'core-protocol', 'legacy-compat', 'server-http', 'tasks'], node: '' },
};

const importPattern = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.js')) yield path;
  }
}

for (const [name, rule] of Object.entries(rules)) {
  const dist = join('packages', name, 'dist');
  if (!existsSync(dist)) continue;
  for (const file of walk(dist)) {
    // dist/bundle/ (scripts/bundle-dist.mjs) mirrors dist/: the same rules hold for its entries.
    // Its shared chunks (bundle/chunks/) are held to the package-wide rules.
    const relative = file.slice(dist.length + 1).replace(/^bundle\//, '');
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2];
      const nodeAllowed = rule.node !== false && relative.startsWith(rule.node);
      const expressAllowed = name === 'server-http' && relative.startsWith('adapters/express/');
      if (specifier.startsWith('node:') && !nodeAllowed) problems.push(`${file} imports ${specifier}`);
      if ((specifier === 'express' || specifier.startsWith('express/')) && !expressAllowed) {
        problems.push(`${file} imports ${specifier}`);
      }
      const sibling = specifier.match(/^@tern\/([^/]+)/)?.[1];
      if (sibling && sibling !== name && !rule.siblings.includes(sibling)) {
        problems.push(`${file} imports @tern/${sibling}, which ${name} may not use`);
      }
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`dist boundary violations:\n${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('dist boundaries: ok\n');
