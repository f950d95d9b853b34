// scripts/bundle-dist.mjs: every published package names a bundle per entry point under the `node`
// export condition, and Node, resolving a built package by name, loads those few files instead of
// one module per source file (bench/README.md, "Start-up targets met and missed"). Needs the
// built packages (scripts/test-all.sh builds before it tests).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryPointsOf, missingNodeConditions } from '../../../scripts/bundle-dist.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const packagesDir = join(repoRoot, 'packages');

/** Runs an ES module snippet with Node inside `packages/<name>` (so the package resolves itself). */
function runIn(name, code) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: join(packagesDir, name),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe('entryPointsOf', () => {
  it('names each bundle after its per-module file', () => {
    expect(
      entryPointsOf({
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './node': { default: './dist/node/index.js' },
        './package.json': './package.json',
      }),
    ).toEqual({ index: 'dist/index.js', 'node/index': 'dist/node/index.js' });
  });

  it('refuses an entry outside dist/', () => {
    expect(() => entryPointsOf({ '.': { default: './src/index.ts' } })).toThrow(
      'exports["."].default must be a .js file under dist/, got ./src/index.ts',
    );
  });
});

describe('missingNodeConditions', () => {
  it('asks for the bundle of an entry that has none', () => {
    expect(missingNodeConditions({ '.': { default: './dist/index.js' } })).toEqual([
      'exports["."].node should be "./dist/bundle/index.js"',
    ]);
  });

  it('finds none missing in any published package', () => {
    for (const name of readdirSync(packagesDir)) {
      const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8'));
      expect({ name, missing: missingNodeConditions(manifest.exports) }).toEqual({
        name,
        missing: [],
      });
    }
  });
});

describe('the built bundles under Node', () => {
  it('resolves every entry of @tern/server-http to dist/bundle/', () => {
    const resolved = runIn(
      'server-http',
      `console.log(JSON.stringify(['@tern/server-http', '@tern/server-http/adapters/node', '@tern/server-http/adapters/express'].map((id) => import.meta.resolve(id))))`,
    );
    expect(resolved.map((url) => url.slice(url.indexOf('/packages/')))).toEqual([
      '/packages/server-http/dist/bundle/index.js',
      '/packages/server-http/dist/bundle/adapters/node/index.js',
      '/packages/server-http/dist/bundle/adapters/express/index.js',
    ]);
  });

  it('loads a few files per package for the node:http adapter, and serves a request', () => {
    const result = runIn(
      'server-http',
      `
      import { registerHooks } from 'node:module';
      const loaded = [];
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      const { McpServer } = await import('@tern/core-protocol');
      const { createNodeHandler } = await import('@tern/server-http/adapters/node');
      const { createServer } = await import('node:http');
      const server = new McpServer({ name: 'bundle-check', version: '1.0.0' });
      server.registerTool('echo', { inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }, ({ text }) => text);
      const http = createServer(createNodeHandler(server));
      await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
      const response = await fetch('http://127.0.0.1:' + http.address().port + '/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' }, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } } }),
      });
      const body = await response.json();
      http.close();
      const perPackage = {};
      for (const url of loaded) {
        const match = /\\/packages\\/([^/]+)\\/dist\\/(bundle\\/)?/.exec(url);
        if (match === null) continue;
        const key = match[1] + (match[2] === undefined ? ' (per-module)' : '');
        perPackage[key] = (perPackage[key] ?? 0) + 1;
      }
      console.log(JSON.stringify({ text: body.result.content[0].text, perPackage }));
      `,
    );
    expect(result.text).toBe('hi');
    // No per-module file of any @tern package is loaded; a package is at most its entry and chunks.
    for (const [key, count] of Object.entries(result.perPackage)) {
      expect(key).not.toContain('per-module');
      expect(count).toBeLessThanOrEqual(4);
    }
    expect(Object.keys(result.perPackage).sort()).toEqual([
      'core-protocol',
      'jsonrpc',
      'schema',
      'server-http',
    ]);
  });
});
