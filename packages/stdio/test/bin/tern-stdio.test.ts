// The tern-stdio bin over real pipes: it loads a module's server and serves it, with nothing
// but MCP messages on stdout (requirements.md #260), and explains what is wrong on stderr.
import { describe, expect, it } from 'vitest';
import { MODERN_META, RawPeer } from '../helpers/raw-peer.js';
import { binCommand } from '../helpers/spawn-fixture.js';

const MODULE = './test/fixtures/bin-module.ts';

describe('tern-stdio', () => {
  it('serves the default export and keeps the module console.log off stdout', async () => {
    const peer = new RawPeer(binCommand([MODULE]));
    try {
      const response = await peer.call(1, 'shout', { text: 'hello' });
      expect(response.result?.['content']).toEqual([{ type: 'text', text: 'HELLO' }]);
      await peer.stderr.waitFor('loading the notes server');
      expect(peer.lines.every((line) => typeof line === 'object')).toBe(true);
      peer.child.stdin.end();
      expect(await peer.exited).toBe(0);
    } finally {
      peer.kill();
    }
  });

  it('serves a factory export named with --export, to 2025-era clients too', async () => {
    const peer = new RawPeer(binCommand([MODULE, '--export', 'createServer']));
    try {
      peer.send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'host', version: '1' },
        },
      });
      const init = await peer.next((line) => line.id === 1);
      expect(init.result).toMatchObject({
        protocolVersion: '2025-06-18',
        serverInfo: { name: 'bin-notes' },
      });
    } finally {
      peer.kill();
    }
  });

  it('with --modern-only answers initialize with an error and serves 2026-07-28', async () => {
    const peer = new RawPeer(binCommand([MODULE, '--modern-only']));
    try {
      peer.send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'host', version: '1' },
        },
      });
      const refused = await peer.next((line) => line.id === 1);
      expect(refused.error).toMatchObject({
        code: -32022,
        data: { supported: ['2026-07-28'], requested: '2025-06-18' },
      });
      peer.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'server/discover',
        params: { _meta: MODERN_META },
      });
      const discovered = await peer.next((line) => line.id === 2);
      expect(discovered.result?.['supportedVersions']).toEqual(['2026-07-28']);
    } finally {
      peer.kill();
    }
  });

  it('exits 1 with a clear message when the export is missing, and 2 on bad usage', async () => {
    const missing = new RawPeer(binCommand([MODULE, '--export', 'nope']));
    expect(await missing.exited).toBe(1);
    expect(missing.stderr.text).toContain('has no export named nope');
    const usage = new RawPeer(binCommand(['--bogus']));
    expect(await usage.exited).toBe(2);
    expect(usage.stderr.text).toContain('unknown option --bogus');
    expect(missing.lines).toEqual([]);
  });
});
