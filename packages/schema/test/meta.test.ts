import { describe, expect, it } from 'vitest';
import {
  MetaKey,
  NotificationMetaObjectSchema,
  RequestMetaObjectSchema,
  ResultMetaObjectSchema,
} from '../src/index.js';

const validMeta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

describe('MetaKey', () => {
  it('spells every reserved key exactly as on the wire', () => {
    expect(MetaKey).toEqual({
      ProtocolVersion: 'io.modelcontextprotocol/protocolVersion',
      ClientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
      ClientInfo: 'io.modelcontextprotocol/clientInfo',
      LogLevel: 'io.modelcontextprotocol/logLevel',
      ServerInfo: 'io.modelcontextprotocol/serverInfo',
      SubscriptionId: 'io.modelcontextprotocol/subscriptionId',
      ProgressToken: 'progressToken',
      TraceParent: 'traceparent',
      TraceState: 'tracestate',
      Baggage: 'baggage',
      RelatedTask: 'io.modelcontextprotocol/related-task',
    });
  });
});

describe('RequestMetaObjectSchema', () => {
  it('accepts the two required keys alone', () => {
    expect(RequestMetaObjectSchema.parse(validMeta)).toEqual(validMeta);
  });

  it('requires the protocol version', () => {
    const { [MetaKey.ProtocolVersion]: _omitted, ...rest } = validMeta;
    expect(RequestMetaObjectSchema.safeParse(rest).success).toBe(false);
  });

  it('requires the client capabilities', () => {
    const { [MetaKey.ClientCapabilities]: _omitted, ...rest } = validMeta;
    expect(RequestMetaObjectSchema.safeParse(rest).success).toBe(false);
  });

  it('accepts an unknown protocol version, so the server can answer -32022 instead of -32602', () => {
    const meta = { ...validMeta, [MetaKey.ProtocolVersion]: '2099-01-01' };
    expect(RequestMetaObjectSchema.safeParse(meta).success).toBe(true);
  });

  it('passes trace context and vendor keys through', () => {
    const meta = {
      ...validMeta,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'com.example/tenant': { id: 7 },
    };
    expect(RequestMetaObjectSchema.parse(meta)).toEqual(meta);
  });

  it('rejects an unknown log level', () => {
    const meta = { ...validMeta, [MetaKey.LogLevel]: 'verbose' };
    expect(RequestMetaObjectSchema.safeParse(meta).success).toBe(false);
  });
});

describe('ResultMetaObjectSchema', () => {
  it('validates serverInfo when present', () => {
    expect(ResultMetaObjectSchema.safeParse({ [MetaKey.ServerInfo]: { name: 's' } }).success).toBe(
      false,
    );
    expect(
      ResultMetaObjectSchema.safeParse({ [MetaKey.ServerInfo]: { name: 's', version: '1' } })
        .success,
    ).toBe(true);
  });
});

describe('NotificationMetaObjectSchema', () => {
  it('keeps the JSON type of the subscription id', () => {
    expect(NotificationMetaObjectSchema.parse({ [MetaKey.SubscriptionId]: 7 })).toEqual({
      [MetaKey.SubscriptionId]: 7,
    });
    expect(NotificationMetaObjectSchema.safeParse({ [MetaKey.SubscriptionId]: null }).success).toBe(
      false,
    );
  });
});
