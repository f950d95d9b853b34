import { describe, expect, it } from 'vitest';
import {
  discoverResultFrom,
  toLegacyCapabilities,
  toLegacyParams,
  toModernResult,
} from '../../src/client/translate.js';

describe('toLegacyParams', () => {
  it('drops the modern _meta keys and keeps progressToken and trace context', () => {
    const params = {
      name: 'deploy',
      arguments: { env: 'prod' },
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
        'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' },
        'io.modelcontextprotocol/logLevel': 'info',
        progressToken: 'tern-1',
        traceparent: '00-abc-def-01',
      },
    };
    expect(toLegacyParams(params)).toEqual({
      name: 'deploy',
      arguments: { env: 'prod' },
      _meta: { progressToken: 'tern-1', traceparent: '00-abc-def-01' },
    });
  });

  it('leaves out a _meta that only held modern keys', () => {
    expect(
      toLegacyParams({ _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } }),
    ).toEqual({});
    expect(toLegacyParams(undefined)).toBeUndefined();
  });
});

describe('toLegacyCapabilities', () => {
  it('maps the per-request capabilities to the session-wide 2025-11-25 shape', () => {
    expect(
      toLegacyCapabilities({
        elicitation: { form: {}, url: {} },
        sampling: { tools: {} },
        roots: {},
        extensions: { 'io.modelcontextprotocol/ui': {} },
        experimental: { feature: {} },
      }),
    ).toEqual({
      elicitation: { form: {}, url: {} },
      sampling: { tools: {} },
      roots: {},
      experimental: { feature: {} },
    });
  });

  it('spells out form for an empty elicitation capability, and declares nothing for none', () => {
    expect(toLegacyCapabilities({ elicitation: {} })).toEqual({ elicitation: { form: {} } });
    expect(toLegacyCapabilities(undefined)).toEqual({});
  });
});

describe('toModernResult and discoverResultFrom', () => {
  it('marks a legacy result complete', () => {
    expect(toModernResult({ tools: [] })).toEqual({ tools: [], resultType: 'complete' });
  });

  it('builds a never-cached DiscoverResult from the InitializeResult, without tasks', () => {
    expect(
      discoverResultFrom({
        protocolVersion: '2025-06-18',
        capabilities: { tools: {}, tasks: { list: {} } },
        serverInfo: { name: 'old', version: '2.0.0' },
        instructions: 'Be nice.',
      }),
    ).toEqual({
      resultType: 'complete',
      supportedVersions: ['2025-06-18'],
      capabilities: { tools: {} },
      instructions: 'Be nice.',
      ttlMs: 0,
      cacheScope: 'private',
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'old', version: '2.0.0' } },
    });
  });
});
