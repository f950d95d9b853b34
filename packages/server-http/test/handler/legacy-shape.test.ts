import { describe, expect, it } from 'vitest';
import { isLegacyShaped } from '../../src/handler/legacy-shape.js';
import { meta, rpc } from '../helpers/http-client.js';

const info = (headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/mcp',
  header: (name: string) => headers[name],
});

describe('isLegacyShaped', () => {
  it.each([
    ['a batch array', [rpc(1, 'tools/list')], {}, true],
    ['a JSON-RPC response', { jsonrpc: '2.0', id: 1, result: {} }, {}, true],
    [
      'initialize even with modern _meta',
      rpc(1, 'initialize'),
      { 'mcp-protocol-version': '2026-07-28' },
      true,
    ],
    ['no version header and no _meta', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, {}, true],
    [
      'a legacy version header and no _meta',
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { 'mcp-protocol-version': '2025-06-18' },
      true,
    ],
    ['a legacy notification', { jsonrpc: '2.0', method: 'notifications/initialized' }, {}, true],
    ['a modern _meta version', rpc(1, 'tools/list', { _meta: meta() }), {}, false],
    [
      'a modern header without _meta',
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { 'mcp-protocol-version': '2026-07-28' },
      false,
    ],
    [
      'an unknown future header without _meta',
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { 'mcp-protocol-version': '2099-01-01' },
      false,
    ],
  ] as [string, unknown, Record<string, string>, boolean][])(
    '%s → %s',
    (...[, body, headers, expected]) => {
      expect(isLegacyShaped(body, info(headers))).toBe(expected);
    },
  );
});
