import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../../src/node/index.js';
import type { StoredTokens } from '../../src/index.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function newPath(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'tern-auth-'));
  return join(dir, 'nested', 'auth.json');
}

const tokens: StoredTokens = {
  issuer: 'https://as.example.com',
  resource: 'https://mcp.example.com/mcp',
  accessToken: 'at',
  tokenType: 'bearer',
  refreshToken: 'rt',
  expiresAt: 1,
  scopes: ['mcp:tools'],
};

describe('FileTokenStore', () => {
  it('keeps tokens and clients across instances, in a file only the user can read', async () => {
    const path = await newPath();
    const first = new FileTokenStore(path);
    await first.setTokens('https://mcp.example.com/mcp', tokens);
    await first.setClient('https://as.example.com', { clientId: 'c1', source: 'registered' });
    const second = new FileTokenStore(path);
    expect(await second.getTokens('https://mcp.example.com/mcp')).toEqual(tokens);
    expect(await second.getClient('https://as.example.com')).toEqual({ clientId: 'c1', source: 'registered' });
    expect(await second.getClient('https://other.example.com')).toBeUndefined();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await second.deleteTokens('https://mcp.example.com/mcp');
    expect(await first.getTokens('https://mcp.example.com/mcp')).toBeUndefined();
  });

  it('serializes concurrent writes so none is lost', async () => {
    const store = new FileTokenStore(await newPath());
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => store.setClient(`https://as${index}.example.com`, { clientId: `c${index}`, source: 'registered' })),
    );
    for (let index = 0; index < 10; index += 1) {
      expect((await store.getClient(`https://as${index}.example.com`))?.clientId).toBe(`c${index}`);
    }
  });

  it('refuses a file that is not a token file, with a typed error that does not echo it', async () => {
    const path = await newPath();
    const store = new FileTokenStore(path);
    await store.deleteClient('x');
    await writeFile(path, '{"secret-looking":"abc"');
    const error: unknown = await store.getTokens('e').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AUTHORIZATION_FAILED', reason: 'invalid_configuration' });
    expect((error as Error).message).not.toContain('abc');
    expect(await readFile(path, 'utf8')).toContain('abc');
  });
});
