// jwtVerifier: RFC 9068 access tokens against a real JWKS over HTTP. The authorization spec's
// token validation (audience per RFC 8707), security-checklist.md G1, and the hostile tokens of
// issue 16 (alg none, HMAC with the RSA public key, a JWKS that cannot be fetched).
import { TokenVerificationError } from '@tern/server-http';
import type { TokenVerifier } from '@tern/server-http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jwtVerifier } from '../src/index.js';
import { RESOURCE, TestIssuer } from './helpers/issuer.js';

const issuer = new TestIssuer();
const context = { resource: RESOURCE };

beforeAll(() => issuer.start());
afterAll(() => issuer.stop());
beforeEach(() => {
  issuer.mode = 'ok';
});

const fresh = (options: Partial<Parameters<typeof jwtVerifier>[0]> = {}): TokenVerifier =>
  jwtVerifier({ issuer: issuer.issuer, jwksUri: issuer.jwksUri, keysCooldownMs: 0, ...options });

async function refusal(verifier: TokenVerifier, token: string): Promise<TokenVerificationError> {
  const error: unknown = await verifier.verify(token, context).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenVerificationError);
  return error as TokenVerificationError;
}

describe('jwtVerifier', () => {
  it('accepts a token of the issuer for this resource and reads subject, client, scopes and expiry', async () => {
    const verified = await fresh().verify(await issuer.token(), context);
    expect(verified).toMatchObject({ subject: 'alice', clientId: 'client-1', scopes: ['mcp', 'files:read'], audience: [RESOURCE], issuer: issuer.issuer });
    expect(verified.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('reads scp lists and azp as well', async () => {
    const token = await issuer.token({ scope: undefined, scp: ['a', 'b'], client_id: undefined, azp: 'client-2' });
    expect(await fresh().verify(token, context)).toMatchObject({ scopes: ['a', 'b'], clientId: 'client-2' });
  });

  it('accepts an audience list that names the resource, in another case of scheme and host', async () => {
    const token = await issuer.token({ aud: ['https://other.example.test', 'HTTPS://MCP.EXAMPLE.TEST/mcp'] });
    expect((await fresh().verify(token, context)).subject).toBe('alice');
  });

  it.each([
    ['a token for another resource', { aud: 'https://other.example.test/mcp' }, 'the access token was not issued for this resource'],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 120 }, 'the access token expired'],
    ['another issuer', { iss: 'https://evil.example.test' }, 'the access token is invalid'],
    ['a token not valid yet', { nbf: Math.floor(Date.now() / 1000) + 600 }, 'the access token is invalid'],
  ])('refuses %s as invalid_token', async (_name, claims, description) => {
    const error = await refusal(fresh(), await issuer.token(claims));
    expect(error.kind).toBe('invalid_token');
    expect(error.message).toBe(description);
  });

  it('refuses a JWT that is not an access token (typ other than at+jwt), unless tokenType is null', async () => {
    const idToken = await issuer.token({}, { typ: 'JWT' });
    expect((await refusal(fresh(), idToken)).kind).toBe('invalid_token');
    expect((await fresh({ tokenType: null }).verify(idToken, context)).subject).toBe('alice');
  });

  it('refuses alg none', async () => {
    const error = await refusal(fresh(), issuer.unsigned({ scope: 'mcp admin' }));
    expect(error).toMatchObject({ kind: 'invalid_token', message: 'the access token is invalid' });
  });

  it('refuses an HMAC token signed with the RSA public key (algorithm confusion)', async () => {
    const error = await refusal(fresh(), await issuer.hmacWithPublicKey());
    expect(error.kind).toBe('invalid_token');
  });

  it('refuses a tampered payload and garbage', async () => {
    const [header, , signature] = (await issuer.token()).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', aud: RESOURCE, iss: issuer.issuer, exp: 9999999999 })).toString('base64url');
    expect((await refusal(fresh(), `${header}.${payload}.${signature}`)).kind).toBe('invalid_token');
    expect((await refusal(fresh(), 'not-a-jwt')).kind).toBe('invalid_token');
  });

  it('caches the key set and fetches it again for a key it does not know (rotation)', async () => {
    const verifier = fresh();
    const before = issuer.fetches;
    await verifier.verify(await issuer.token(), context);
    await verifier.verify(await issuer.token(), context);
    expect(issuer.fetches - before).toBe(1);
    const rotated = await issuer.rotate('key-2');
    expect((await verifier.verify(await issuer.token({}, { key: rotated }), context)).subject).toBe('alice');
    expect(issuer.fetches - before).toBe(2);
  });

  it('refuses a token whose kid is in no key set, after one refetch at most per cooldown', async () => {
    const verifier = fresh({ keysCooldownMs: 60_000 });
    await verifier.verify(await issuer.token(), context);
    const before = issuer.fetches;
    const stranger = await (await import('./helpers/issuer.js')).signingKey('key-unknown');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await refusal(verifier, await issuer.token({}, { key: stranger }))).kind).toBe('invalid_token');
    }
    expect(issuer.fetches - before).toBe(0);
  });

  it.each(['error', 'not-json', 'hang'] as const)('reports a key set that answers %s as unavailable, not invalid', async (mode) => {
    issuer.mode = mode;
    const error = await refusal(fresh({ keysTimeoutMs: 200 }), await issuer.token());
    expect(error).toMatchObject({ kind: 'unavailable', message: 'the signing keys cannot be fetched' });
  });

  it('refuses symmetric algorithms and none in its options', () => {
    expect(() => fresh({ algorithms: ['HS256'] })).toThrow(TypeError);
    expect(() => fresh({ algorithms: ['none'] })).toThrow(TypeError);
    expect(() => fresh({ algorithms: [] })).toThrow(TypeError);
  });

  it('puts no claim and no part of the token into its errors', async () => {
    const token = await issuer.token({ aud: 'https://other.example.test/mcp', secret_claim: 'hush-123' });
    const error = await refusal(fresh(), token);
    const seen = `${error.message} ${JSON.stringify(error)} ${String(error.cause)}`;
    for (const part of [...token.split('.'), 'hush-123', 'alice']) expect(seen).not.toContain(part);
  });
});
