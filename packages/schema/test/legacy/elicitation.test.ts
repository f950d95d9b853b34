import { describe, expect, it } from 'vitest';
import {
  ElicitationCompleteNotificationSchema,
  LegacyElicitRequestSchema,
  URLElicitationRequiredErrorSchema,
} from '../../src/legacy/index.js';

const urlParams = { mode: 'url', message: 'Connect GitHub', url: 'https://example.com/connect' };

describe('LegacyElicitRequestSchema', () => {
  it('is a JSON-RPC request whose URL mode needs elicitationId', () => {
    const request = { jsonrpc: '2.0', id: 's-1', method: 'elicitation/create', params: urlParams };
    expect(LegacyElicitRequestSchema.safeParse(request).success).toBe(false);
    const withId = { ...request, params: { ...urlParams, elicitationId: 'e-1' } };
    expect(LegacyElicitRequestSchema.parse(withId)).toEqual(withId);
  });

  it('accepts a 2025-06-18 form elicitation without mode', () => {
    const request = {
      jsonrpc: '2.0',
      id: 2,
      method: 'elicitation/create',
      params: {
        message: 'Confirm?',
        requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
      },
    };
    expect(LegacyElicitRequestSchema.parse(request)).toEqual(request);
  });

  it('requires an id, unlike the 2026 input request', () => {
    const request = {
      jsonrpc: '2.0',
      method: 'elicitation/create',
      params: { ...urlParams, elicitationId: 'e' },
    };
    expect(LegacyElicitRequestSchema.safeParse(request).success).toBe(false);
  });
});

describe('ElicitationCompleteNotificationSchema', () => {
  it('requires elicitationId', () => {
    const notification = {
      jsonrpc: '2.0',
      method: 'notifications/elicitation/complete',
      params: {},
    };
    expect(ElicitationCompleteNotificationSchema.safeParse(notification).success).toBe(false);
  });
});

describe('URLElicitationRequiredErrorSchema', () => {
  it('carries the URL elicitations under -32042', () => {
    const response = {
      jsonrpc: '2.0',
      id: 9,
      error: {
        code: -32042,
        message: 'URL elicitation required',
        data: { elicitations: [{ ...urlParams, elicitationId: 'e-1' }] },
      },
    };
    expect(URLElicitationRequiredErrorSchema.parse(response)).toEqual(response);
  });
});
