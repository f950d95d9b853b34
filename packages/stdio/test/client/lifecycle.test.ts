// The life of a spawned stdio server under StdioClientTransport: the probe's fallback when a
// legacy server stays silent or exits (#266), the era remembered per command line (#50),
// stderr that is not an error (#259), shutdown that escalates (#264) and restart with the
// listen stream re-established (#265). Real processes, bounded waits.
import { SdkErrorCode } from '@tern/core-protocol';
import type { SubscriptionEvent } from '@tern/core-protocol';
import { InMemoryEraStore } from '@tern/legacy-compat';
import { describe, expect, it } from 'vitest';
import { StdioClientTransport } from '../../src/index.js';
import { clientOf, rawLegacy } from '../helpers/raw-legacy.js';
import { fixtureCommand, StderrLog } from '../helpers/spawn-fixture.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('StdioClientTransport lifecycle', () => {
  it('falls back to initialize when a legacy server never answers the probe (#266)', async () => {
    const transport = rawLegacy('silent');
    const stderr = new StderrLog(transport.stderr);
    try {
      const { tools } = await clientOf(transport).listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['echo']);
      expect(transport.era).toBe('legacy');
      await stderr.waitFor('got tools/list');
      expect(stderr.text.split('\n').slice(0, 4)).toEqual([
        'got server/discover',
        'got initialize',
        'got notifications/initialized',
        'got tools/list',
      ]);
    } finally {
      await transport.close();
    }
  });

  it('starts a fresh process when a legacy server exits on the probe', async () => {
    const transport = rawLegacy('exit');
    const stderr = new StderrLog(transport.stderr);
    try {
      const { tools } = await clientOf(transport).listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['echo']);
      expect(transport.era).toBe('legacy');
      expect(stderr.text).toContain('got server/discover\ngot initialize');
    } finally {
      await transport.close();
    }
  });

  it('survives a modern server that sends requests (#261) and garbage (#260): warned, not answered', async () => {
    const warnings: string[] = [];
    const transport = rawLegacy('rogue-modern', {
      probeTimeoutMs: 10_000,
      onWarning: (warning) => warnings.push(warning),
    });
    const stderr = new StderrLog(transport.stderr);
    try {
      const { tools } = await clientOf(transport).listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['echo']);
      expect(transport.era).toBe('modern');
      expect(warnings).toContain('ignored a request (roots/list) from a 2026-07-28 server');
      expect(warnings.some((warning) => warning.includes('not an MCP message'))).toBe(true);
      // The client wrote no response to the rogue request: the server saw only its two requests.
      await stderr.waitFor('got tools/list');
      expect(stderr.text).toBe('got server/discover\ngot tools/list\n');
    } finally {
      await transport.close();
    }
  });

  it('remembers the era per command line, so a second transport does not probe (#50)', async () => {
    const eraStore = new InMemoryEraStore();
    const first = rawLegacy('silent', { eraStore });
    try {
      await clientOf(first).listTools();
    } finally {
      await first.close();
    }
    const second = rawLegacy('silent', { eraStore });
    const stderr = new StderrLog(second.stderr);
    try {
      await clientOf(second).listTools();
      await stderr.waitFor('got tools/list');
      expect(stderr.text.startsWith('got initialize\n')).toBe(true);
      expect(stderr.text).not.toContain('server/discover');
    } finally {
      await second.close();
    }
  });

  it('closes stdin, then SIGTERM, then SIGKILL for a server that ignores both (#264)', async () => {
    const transport = rawLegacy('stubborn', { shutdownTimeoutMs: 300 });
    const stderr = new StderrLog(transport.stderr);
    await clientOf(transport).listTools();
    const pid = transport.pid;
    expect(pid).toBeTypeOf('number');
    await transport.close();
    expect(stderr.text).toContain('ignoring SIGTERM');
    expect(isAlive(pid!)).toBe(false);
  });

  it('takes server stderr as a log, not an error (#259), and stops a cooperative server on stdin EOF', async () => {
    const warnings: string[] = [];
    const transport = new StdioClientTransport({
      ...fixtureCommand('tern-server'),
      stderr: 'pipe',
      onWarning: (warning) => warnings.push(warning),
    });
    const stderr = new StderrLog(transport.stderr);
    const client = clientOf(transport);
    const logged = await client.callTool('log');
    expect(logged.content).toEqual([{ type: 'text', text: 'logged' }]);
    await stderr.waitFor('a stray console.log goes to stderr');
    const pid = transport.pid!;
    const started = Date.now();
    await transport.close();
    // Closing stdin was enough: no escalation (each step would wait 2 s).
    expect(Date.now() - started).toBeLessThan(2000);
    expect(isAlive(pid)).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('restarts a crashed server and re-sends subscriptions/listen (#265)', async () => {
    const transport = new StdioClientTransport({
      ...fixtureCommand('tern-server'),
      stderr: 'ignore',
      restart: { maxRestarts: 1 },
    });
    const client = clientOf(transport);
    const subscription = client.listen(
      { toolsListChanged: true },
      { reconnect: { initialDelayMs: 50 } },
    );
    const events: SubscriptionEvent[] = [];
    const iterate = (async () => {
      for await (const event of subscription) {
        events.push(event);
        if (event.type === 'notification') return;
      }
    })();
    try {
      await expect.poll(() => events.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const firstPid = transport.pid;
      await expect(client.callTool('crash')).rejects.toMatchObject({
        code: SdkErrorCode.ConnectionClosed,
      });
      await expect
        .poll(() => events.some((event) => event.type === 'acknowledged' && event.reconnected), {
          timeout: 10_000,
        })
        .toBe(true);
      expect(transport.restarts).toBe(1);
      expect(transport.pid).not.toBe(firstPid);
      await client.callTool('grow');
      await iterate;
      expect(events.map((event) => event.type)).toEqual([
        'acknowledged',
        'reconnecting',
        'acknowledged',
        'notification',
      ]);
      // The restart budget is spent: the next crash is final.
      await expect(client.callTool('crash')).rejects.toMatchObject({
        code: SdkErrorCode.ConnectionClosed,
      });
      await expect(client.callTool('add', { a: 1, b: 1 })).rejects.toMatchObject({
        code: SdkErrorCode.ConnectionClosed,
      });
    } finally {
      subscription.close();
      await transport.close();
    }
  }, 30_000);
});
