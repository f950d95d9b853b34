// A signing issuer for the tests: real RSA keys (jose), a JWKS served over HTTP whose keys can be
// rotated and whose answers can fail, and access tokens minted as RFC 9068 JWTs.
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { JWK, JWTPayload, CryptoKey } from 'jose';
import { listen } from './local-server.js';
import type { LocalServer } from './local-server.js';

export const RESOURCE = 'https://mcp.example.test/mcp';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

/** How the JWKS endpoint answers. */
export type JwksMode = 'ok' | 'error' | 'hang' | 'not-json';

export class TestIssuer {
  readonly keys: SigningKey[] = [];
  mode: JwksMode = 'ok';
  fetches = 0;
  #server: LocalServer | undefined;

  get issuer(): string {
    return this.#server?.url ?? '';
  }

  get jwksUri(): string {
    return `${this.issuer}/jwks`;
  }

  async start(): Promise<void> {
    this.keys.push(await signingKey('key-1'));
    this.#server = await listen((req, res) => {
      this.fetches += 1;
      if (this.mode === 'hang') return;
      if (this.mode === 'error') {
        res.writeHead(500).end('down');
        return;
      }
      const body = this.mode === 'not-json' ? '<html>' : JSON.stringify({ keys: this.keys.map((key) => key.publicJwk) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  /** Adds a key to the set (rotation); tokens then can be signed with it. */
  async rotate(kid: string): Promise<SigningKey> {
    const key = await signingKey(kid);
    this.keys.push(key);
    return key;
  }

  /** An access token; `claims` override the defaults, `key` the signer. */
  async token(claims: JWTPayload = {}, options: { key?: SigningKey; typ?: string } = {}): Promise<string> {
    const key = options.key ?? this.keys[0];
    if (key === undefined) throw new Error('start() first');
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: this.issuer, sub: 'alice', aud: RESOURCE, iat: now, exp: now + 3600, scope: 'mcp files:read', client_id: 'client-1', ...claims };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: options.typ ?? 'at+jwt' })
      .sign(key.privateKey);
  }

  /** The token's payload with `alg: none` and no signature. */
  unsigned(payload: JWTPayload): string {
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'at+jwt' })}.${part({ iss: this.issuer, sub: 'mallory', aud: RESOURCE, exp: Math.floor(Date.now() / 1000) + 3600, ...payload })}.`;
  }

  /** An HS256 token whose HMAC secret is the issuer's RSA public key (algorithm confusion). */
  async hmacWithPublicKey(): Promise<string> {
    const key = this.keys[0];
    if (key === undefined) throw new Error('start() first');
    return new SignJWT({ scope: 'mcp admin' })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setSubject('mallory')
      .setAudience(RESOURCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(key.publicPem));
  }
}
