// The root entry must stay web-standard (STYLE c.3): no node:* and no express outside the adapter
// folders. ESLint and scripts/check-dist-boundaries.mjs check the same; this catches it first.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('@tern/server-http root entry', () => {
  it('imports neither node:* nor express outside src/adapters/', () => {
    const offenders = files(SRC)
      .filter((file) => !relative(SRC, file).startsWith('adapters'))
      .filter((file) => /from\s+['"](node:|express)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('imports express only as types in the Express adapter', () => {
    const runtime = files(join(SRC, 'adapters')).filter((file) =>
      /^import\s+(?!type)[^;]*from\s+['"]express['"]/m.test(readFileSync(file, 'utf8')),
    );
    expect(runtime).toEqual([]);
  });

  it('exports exactly the curated API', () => {
    expect(Object.keys(root).sort()).toEqual([
      'DEFAULT_HTTP_LIMITS',
      'McpHttpError',
      'TokenVerificationError',
      'canonicalResource',
      'createFetchHandler',
      'createMcpHttpHandler',
      'isMcpHttpError',
      'isTokenVerificationError',
      'resourceMetadataPath',
    ]);
  });
});
