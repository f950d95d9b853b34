import { describe, expect, it } from 'vitest';
import { oauthChallenge, parseChallenges, scopesOf } from '../src/www-authenticate.js';

describe('parseChallenges', () => {
  it('reads the scheme and quoted and token params of a Bearer challenge (RFC 6750 §3, RFC 9728 §5.1)', () => {
    const [challenge] = parseChallenges(
      'Bearer error="insufficient_scope", scope="mcp:read mcp:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
    expect(challenge).toEqual({
      scheme: 'bearer',
      params: {
        error: 'insufficient_scope',
        scope: 'mcp:read mcp:write',
        resource_metadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      },
    });
  });

  it('splits several challenges, keeps escaped quotes and skips a token68', () => {
    const challenges = parseChallenges('Negotiate abc==, DPoP error=use_dpop_nonce, Bearer realm="a \\"b\\""');
    expect(challenges.map((c) => c.scheme)).toEqual(['negotiate', 'dpop', 'bearer']);
    expect(challenges[1]?.params).toEqual({ error: 'use_dpop_nonce' });
    expect(challenges[2]?.params).toEqual({ realm: 'a "b"' });
  });

  it('returns nothing for no header or garbage, without throwing', () => {
    expect(parseChallenges(null)).toEqual([]);
    expect(parseChallenges('   ,,, ')).toEqual([]);
    expect(parseChallenges('"unterminated')).toEqual([]);
  });
});

describe('oauthChallenge', () => {
  it('merges the Bearer and DPoP params, DPoP winning', () => {
    const response = new Response(null, {
      status: 401,
      headers: { 'www-authenticate': 'Bearer scope="a", resource_metadata="https://x/m", DPoP error="use_dpop_nonce"' },
    });
    const challenge = oauthChallenge(response);
    expect(challenge?.scheme).toBe('dpop');
    expect(challenge?.params).toEqual({ scope: 'a', resource_metadata: 'https://x/m', error: 'use_dpop_nonce' });
    expect(scopesOf(challenge)).toEqual(['a']);
  });

  it('is undefined for a Basic-only challenge', () => {
    const response = new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } });
    expect(oauthChallenge(response)).toBeUndefined();
  });
});
