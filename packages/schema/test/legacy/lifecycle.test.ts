import { describe, expect, it } from 'vitest';
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  InitializeResultSchema,
  PingRequestSchema,
} from '../../src/legacy/index.js';

describe('InitializeRequestSchema', () => {
  it('parses a 2025-11-25 initialize with legacy capabilities', () => {
    const request = {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {
          roots: { listChanged: true },
          sampling: {},
          elicitation: { form: {}, url: {} },
        },
        clientInfo: { name: 'old-ide', version: '1.4.0' },
      },
    };
    expect(InitializeRequestSchema.parse(request)).toEqual(request);
  });

  it('requires clientInfo', () => {
    const request = {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {} },
    };
    expect(InitializeRequestSchema.safeParse(request).success).toBe(false);
  });
});

describe('InitializeResultSchema', () => {
  it('has no resultType and carries serverInfo', () => {
    const result = {
      protocolVersion: '2025-11-25',
      capabilities: { tools: { listChanged: true }, tasks: { list: {} } },
      serverInfo: { name: 'docs-server', version: '2.0.0' },
    };
    expect(InitializeResultSchema.parse(result)).toEqual(result);
  });
});

describe('InitializedNotificationSchema', () => {
  it('accepts the bare notification', () => {
    const notification = { jsonrpc: '2.0', method: 'notifications/initialized' };
    expect(InitializedNotificationSchema.parse(notification)).toEqual(notification);
  });
});

describe('PingRequestSchema', () => {
  it('accepts a ping without params', () => {
    expect(PingRequestSchema.safeParse({ jsonrpc: '2.0', id: 'p1', method: 'ping' }).success).toBe(
      true,
    );
  });
});
