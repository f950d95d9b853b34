import { describe, expect, it } from 'vitest';
import { coversScopes, selectScopes } from '../src/scopes.js';

const none = { previous: [], serverScopes: undefined, offlineAccess: true };

describe('selectScopes (MCP authorization, scope selection strategy)', () => {
  it('takes the scopes of the challenge first', () => {
    expect(selectScopes({ ...none, challenged: ['mcp:basic'], resourceScopes: ['a', 'b'] })).toEqual(['mcp:basic']);
  });

  it('falls back to all scopes_supported of the resource, then omits the parameter', () => {
    expect(selectScopes({ ...none, challenged: undefined, resourceScopes: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(selectScopes({ ...none, challenged: undefined, resourceScopes: undefined })).toBeUndefined();
  });

  it('keeps the scopes asked for before on a step-up (SEP-2350)', () => {
    expect(selectScopes({ ...none, previous: ['mcp:basic'], challenged: ['mcp:write'], resourceScopes: undefined })).toEqual([
      'mcp:basic',
      'mcp:write',
    ]);
  });

  it('adds offline_access only when the authorization server lists it (SEP-2207)', () => {
    const base = { ...none, challenged: undefined, resourceScopes: ['mcp:basic'] };
    expect(selectScopes({ ...base, serverScopes: ['mcp:basic', 'offline_access'] })).toEqual(['mcp:basic', 'offline_access']);
    expect(selectScopes({ ...base, serverScopes: ['mcp:basic'] })).toEqual(['mcp:basic']);
    expect(selectScopes({ ...base, serverScopes: ['offline_access'], offlineAccess: false })).toEqual(['mcp:basic']);
  });

  it('coversScopes says whether a token already holds what a 403 asks for', () => {
    expect(coversScopes(['a', 'b'], ['b'])).toBe(true);
    expect(coversScopes(['a'], ['a', 'c'])).toBe(false);
  });
});
