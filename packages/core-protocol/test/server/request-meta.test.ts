// readRequestMeta: the per-request `_meta` of 2026-07-28. Requirements: #20, #34, #35, #36, #45,
// #199, #251, #252; security checklist C1, C2, C3.
import { InvalidParamsError, UnsupportedProtocolVersionError } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { readRequestMeta } from '../../src/index.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer, errorOf, requestMeta } from './helpers/server-fixtures.js';

const SUPPORTED = [LATEST_PROTOCOL_VERSION];

function metaError(params: Record<string, unknown> | undefined): unknown {
  try {
    readRequestMeta(params, SUPPORTED);
  } catch (error) {
    return error;
  }
  throw new TypeError('readRequestMeta accepted the params');
}

describe('readRequestMeta', () => {
  it('reads version, capabilities, clientInfo, logLevel and progressToken', () => {
    const clientInfo = { name: 'acme-agent', version: '3.2.0' };
    expect(
      readRequestMeta(
        {
          _meta: requestMeta({
            [MetaKey.ClientCapabilities]: { elicitation: { form: {} }, roots: {} },
            [MetaKey.ClientInfo]: clientInfo,
            [MetaKey.LogLevel]: 'warning',
            [MetaKey.ProgressToken]: 'p-1',
            traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          }),
        },
        SUPPORTED,
      ),
    ).toEqual({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: { elicitation: { form: {} }, roots: {} },
      clientInfo,
      logLevel: 'warning',
      progressToken: 'p-1',
      // Custom keys reach handlers as ctx.meta; the five keys read above are not repeated there.
      meta: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
  });

  it('treats clientInfo, logLevel and progressToken as optional (requirements.md #36; C2)', () => {
    expect(readRequestMeta({ _meta: requestMeta() }, SUPPORTED)).toEqual({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: undefined,
      logLevel: undefined,
      progressToken: undefined,
      meta: {},
    });
    expect(
      readRequestMeta({ _meta: requestMeta({ [MetaKey.ProgressToken]: 0 }) }, SUPPORTED)
        .progressToken,
    ).toBe(0);
  });

  it('refuses missing params or _meta with -32602 naming both required keys (requirements.md #35; C1)', () => {
    for (const params of [undefined, {}, { _meta: null }, { _meta: 'x' }, { _meta: [] }]) {
      const error = metaError(params);
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as InvalidParamsError).message).toContain(MetaKey.ProtocolVersion);
      expect((error as InvalidParamsError).message).toContain(MetaKey.ClientCapabilities);
    }
  });

  it('refuses a missing or non-string protocolVersion with -32602 naming the key (requirements.md #35)', () => {
    for (const version of [undefined, 20260728, null]) {
      const error = metaError({ _meta: requestMeta({ [MetaKey.ProtocolVersion]: version }) });
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as Error).message).toBe(
        `Missing or invalid _meta["${MetaKey.ProtocolVersion}"]`,
      );
    }
  });

  it('refuses missing or malformed clientCapabilities with -32602 naming the key (requirements.md #35)', () => {
    for (const capabilities of [undefined, null, 'all', { elicitation: 'yes' }]) {
      const error = metaError({
        _meta: requestMeta({ [MetaKey.ClientCapabilities]: capabilities }),
      });
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as Error).message).toBe(
        `Missing or invalid _meta["${MetaKey.ClientCapabilities}"]`,
      );
    }
  });

  it('refuses an unsupported version with -32022 carrying data.supported and data.requested (requirements.md #45, #252)', () => {
    for (const version of ['2099-01-01', '2025-11-25', '']) {
      const error = metaError({ _meta: requestMeta({ [MetaKey.ProtocolVersion]: version }) });
      expect(error).toBeInstanceOf(UnsupportedProtocolVersionError);
      expect((error as UnsupportedProtocolVersionError).toJson()).toMatchObject({
        code: -32022,
        data: { supported: SUPPORTED, requested: version },
      });
    }
  });

  it('lists in data.supported what server/discover lists, and says how a listed legacy version is reached (requirements.md #45, #46)', () => {
    const listed = [...SUPPORTED, '2025-11-25', '2025-06-18'];
    const params = { _meta: requestMeta({ [MetaKey.ProtocolVersion]: '2025-11-25' }) };
    let error: unknown;
    try {
      readRequestMeta(params, SUPPORTED, listed);
    } catch (caught) {
      error = caught;
    }
    expect((error as UnsupportedProtocolVersionError).toJson()).toMatchObject({
      code: -32022,
      message: expect.stringContaining('only through an initialize handshake'),
      data: { supported: listed, requested: '2025-11-25' },
    });
  });

  it('refuses an unknown logLevel with -32602 (requirements.md #199)', () => {
    for (const level of ['verbose', 'WARNING', 3]) {
      const error = metaError({ _meta: requestMeta({ [MetaKey.LogLevel]: level }) });
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as Error).message).toContain(MetaKey.LogLevel);
    }
  });

  it('refuses a malformed clientInfo or progressToken with -32602', () => {
    expect(
      metaError({ _meta: requestMeta({ [MetaKey.ClientInfo]: { name: 'no-version' } }) }),
    ).toBeInstanceOf(InvalidParamsError);
    for (const token of [1.5, null, { id: 1 }, Number.MAX_SAFE_INTEGER + 2]) {
      const error = metaError({ _meta: requestMeta({ [MetaKey.ProgressToken]: token }) });
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as Error).message).toContain('progressToken');
    }
  });

  describe('through McpServer.handle', () => {
    it('answers a request without _meta with -32602 and keeps its id (requirements.md #35; C1, C8)', async () => {
      const { server } = createTestServer();
      const response = await server.handle({
        jsonrpc: '2.0',
        id: 'no-meta',
        method: 'server/discover',
        params: {},
      });
      expect(response).toEqual({
        jsonrpc: '2.0',
        id: 'no-meta',
        error: {
          code: -32602,
          message: `Missing params._meta with "${MetaKey.ProtocolVersion}" and "${MetaKey.ClientCapabilities}"`,
        },
      });
    });

    it('answers a missing protocolVersion or clientCapabilities with -32602 naming the key (requirements.md #35)', async () => {
      const { server } = createTestServer();
      const driver = new ServerDriver(server);
      expect(
        errorOf(
          (
            await driver.exchange(
              'server/discover',
              {},
              { meta: { [MetaKey.ProtocolVersion]: undefined } },
            )
          ).response,
        ),
      ).toEqual({
        code: -32602,
        message: `Missing or invalid _meta["${MetaKey.ProtocolVersion}"]`,
      });
      expect(
        errorOf(
          (
            await driver.exchange(
              'server/discover',
              {},
              { meta: { [MetaKey.ClientCapabilities]: undefined } },
            )
          ).response,
        ),
      ).toEqual({
        code: -32602,
        message: `Missing or invalid _meta["${MetaKey.ClientCapabilities}"]`,
      });
    });

    it('answers an unsupported version with -32022, data.supported and data.requested (requirements.md #45, #252; C3)', async () => {
      const { server } = createTestServer();
      const { response } = await new ServerDriver(server, {
        protocolVersion: '2099-01-01',
      }).exchange('tools/list');
      expect(errorOf(response)).toEqual({
        code: -32022,
        message: `Unsupported protocol version: 2099-01-01 (supported: ${LATEST_PROTOCOL_VERSION})`,
        data: { supported: [LATEST_PROTOCOL_VERSION], requested: '2099-01-01' },
      });
    });

    it('answers an invalid logLevel with -32602 (requirements.md #199)', async () => {
      const { server } = createTestServer();
      server.registerTool('t', {}, () => 'ok');
      const { response } = await new ServerDriver(server).exchange(
        'tools/call',
        { name: 't' },
        { meta: { [MetaKey.LogLevel]: 'loud' } },
      );
      expect(errorOf(response)).toMatchObject({ code: -32602 });
      expect(errorOf(response).message).toContain(MetaKey.LogLevel);
    });

    it('serves a request without clientInfo (requirements.md #36; C2)', async () => {
      const { server } = createTestServer();
      let info: unknown = 'unset';
      server.registerTool('who', {}, (_args, ctx) => {
        info = ctx.client.info;
        return 'ok';
      });
      const result = await new ServerDriver(server).request('tools/call', { name: 'who' });
      expect(result['content']).toEqual([{ type: 'text', text: 'ok' }]);
      expect(info).toBeUndefined();
    });

    it('takes nothing from earlier requests: each request is judged on its own _meta (requirements.md #20, #251)', async () => {
      const { server } = createTestServer();
      const seen: unknown[] = [];
      server.registerTool('caps', {}, (_args, ctx) => {
        seen.push(ctx.client.capabilities);
        return 'ok';
      });
      await new ServerDriver(server, { capabilities: { elicitation: {}, roots: {} } }).request(
        'tools/call',
        { name: 'caps' },
      );
      await new ServerDriver(server).request('tools/call', { name: 'caps' });
      expect(seen).toEqual([{ elicitation: {}, roots: {} }, {}]);
    });
  });
});
