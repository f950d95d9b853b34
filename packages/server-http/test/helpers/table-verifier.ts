// A TokenVerifier over a fixed table of opaque tokens, for the transport's own tests (the JWT and
// introspection verifiers are @tern/server-auth's, tested there against real keys and endpoints).
import { TokenVerificationError } from '../../src/index.js';
import type { TokenVerifier, VerifiedToken } from '../../src/index.js';

export const RESOURCE = 'https://mcp.example.test/mcp';
export const METADATA_PATH = '/.well-known/oauth-protected-resource/mcp';
export const METADATA_URL = `https://mcp.example.test${METADATA_PATH}`;
export const ISSUER = 'https://auth.example.test';

const HOUR = 3600;
const now = (): number => Math.floor(Date.now() / 1000);

function token(subject: string, scopes: string[], extra: Partial<VerifiedToken> = {}): () => VerifiedToken {
  return () => ({ subject, scopes, audience: [RESOURCE], expiresAt: now() + HOUR, clientId: 'client-1', ...extra });
}

/** The tokens the table knows, and what each one is. */
const TOKENS: Record<string, () => VerifiedToken> = {
  'reader-token': token('alice', ['mcp', 'files:read']),
  'writer-token': token('bob', ['mcp', 'files:read', 'files:write']),
  'no-mcp-token': token('carol', ['files:read']),
  'expired-token': token('alice', ['mcp'], { expiresAt: now() - 10 }),
  'other-resource-token': token('alice', ['mcp'], { audience: ['https://other.example.test/mcp'] }),
  'upper-case-resource-token': token('alice', ['mcp'], { audience: ['HTTPS://MCP.EXAMPLE.TEST/mcp'] }),
  'no-audience-token': token('alice', ['mcp'], { audience: [] }),
};

/** Tokens whose verification fails in a way other than "invalid". */
export const DOWN_TOKEN = 'down-token';
export const BUGGY_TOKEN = 'buggy-token';
/** What the buggy verifier puts in its error: it must never reach onError or the wire. */
export const SECRET_IN_ERROR = 'claim-secret-42';

export const tableVerifier: TokenVerifier = {
  verify(value) {
    if (value === DOWN_TOKEN) {
      return Promise.reject(new TokenVerificationError('unavailable', 'the keys cannot be fetched'));
    }
    if (value === BUGGY_TOKEN) return Promise.reject(new Error(`verifier bug near ${SECRET_IN_ERROR}`));
    const found = Object.hasOwn(TOKENS, value) ? TOKENS[value] : undefined;
    if (found === undefined) {
      return Promise.reject(new TokenVerificationError('invalid_token', 'the access token is invalid'));
    }
    return Promise.resolve(found());
  },
};

/** Every token of the table, to check that none reached a log or an error. */
export const ALL_TOKENS: readonly string[] = [...Object.keys(TOKENS), DOWN_TOKEN, BUGGY_TOKEN];
