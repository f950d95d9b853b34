import { describe, expect, it } from 'vitest';
import {
  ClientRequestSchema,
  isClientMethod,
  MRTR_METHODS,
  modernClientNotifications,
  modernClientRequests,
  modernInputRequests,
  modernMethodMap,
  modernServerNotifications,
  InputRequestSchema,
  ServerNotificationSchema,
} from '../src/index.js';

const meta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

function methodsOf(union: {
  def: { options: readonly { shape: { method: { def: { values: readonly unknown[] } } } }[] };
}): string[] {
  return union.def.options.map((option) => String(option.shape.method.def.values[0])).sort();
}

describe('modernClientRequests', () => {
  it('has exactly the methods of ClientRequest', () => {
    expect(Object.keys(modernClientRequests).sort()).toEqual(methodsOf(ClientRequestSchema));
  });

  it('answers the MRTR methods with the final result or input_required', () => {
    for (const method of MRTR_METHODS) {
      const { result } = modernClientRequests[method];
      expect(
        result.safeParse({ resultType: 'input_required', requestState: 's' }).success,
        method,
      ).toBe(true);
      expect(result.safeParse({ resultType: 'input_required' }).success, method).toBe(false);
    }
  });

  it('never accepts input_required from the other methods', () => {
    const others = Object.entries(modernClientRequests).filter(
      ([method]) => !(MRTR_METHODS as readonly string[]).includes(method),
    );
    for (const [method, { result }] of others) {
      expect(
        result.safeParse({ resultType: 'input_required', requestState: 's' }).success,
        method,
      ).toBe(false);
    }
  });

  it('parses a tools/call round trip', () => {
    const { params, result } = modernClientRequests['tools/call'];
    expect(
      params.parse({ _meta: meta, name: 'deploy', inputResponses: { a: { action: 'decline' } } }),
    ).toEqual({
      _meta: meta,
      name: 'deploy',
      inputResponses: { a: { action: 'decline' } },
    });
    expect(result.parse({ resultType: 'complete', content: [] })).toEqual({
      resultType: 'complete',
      content: [],
    });
  });

  it('requires the caching hints on list results', () => {
    const { result } = modernClientRequests['tools/list'];
    expect(result.safeParse({ resultType: 'complete', tools: [] }).success).toBe(false);
  });
});

describe('modernServerNotifications', () => {
  it('has exactly the methods of ServerNotification', () => {
    expect(Object.keys(modernServerNotifications).sort()).toEqual(
      methodsOf(ServerNotificationSchema),
    );
  });
});

describe('modernClientNotifications', () => {
  it('has only notifications/cancelled', () => {
    expect(Object.keys(modernClientNotifications)).toEqual(['notifications/cancelled']);
  });
});

describe('modernInputRequests', () => {
  it('has exactly the methods of InputRequest', () => {
    expect(Object.keys(modernInputRequests).sort()).toEqual(methodsOf(InputRequestSchema));
  });
});

describe('modernMethodMap', () => {
  it('describes 2026-07-28', () => {
    expect(modernMethodMap.revision).toBe('2026-07-28');
    expect(modernMethodMap.clientRequests).toBe(modernClientRequests);
  });
});

describe('isClientMethod', () => {
  it('recognises client methods and ignores inherited keys', () => {
    expect(isClientMethod('tools/call')).toBe(true);
    expect(isClientMethod('initialize')).toBe(false);
    expect(isClientMethod('toString')).toBe(false);
  });
});
