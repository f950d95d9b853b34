import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLegacyLayer } from '@tern/legacy-compat';
import type { LegacyLayer } from '@tern/legacy-compat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTravelDeskServer } from '../../src/create-travel-desk-server.js';
import { TravelDesk } from '../../src/desk/travel-desk.js';
import { createDemoApp } from '../../src/http/create-demo-app.js';

const PAGE_ORIGIN = 'http://localhost:5173';
const DISCOVER = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'server/discover',
  params: {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
});
const MCP_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'MCP-Protocol-Version': '2026-07-28',
  'Mcp-Method': 'server/discover',
};

let http: Server;
let base: string;
let pageDir: string;
let legacy: LegacyLayer;
const desk = new TravelDesk();

beforeAll(async () => {
  pageDir = await mkdtemp(join(tmpdir(), 'demo-app-'));
  await writeFile(join(pageDir, 'index.html'), '<!doctype html><title>web client</title>');
  http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const mcp = createTravelDeskServer({
    desk,
    stateKeys: [{ id: 't', secret: randomBytes(32) }],
    siteUrl: () => base,
  });
  legacy = createLegacyLayer(mcp);
  http.on(
    'request',
    createDemoApp({
      mcp,
      desk,
      siteUrl: base,
      allowedHosts: [`127.0.0.1:${port}`],
      allowedOrigins: [base, PAGE_ORIGIN],
      webClientDir: pageDir,
      legacy,
    }),
  );
});

afterAll(async () => {
  legacy.close();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await rm(pageDir, { recursive: true, force: true });
});

describe('createDemoApp', () => {
  it('answers a CORS preflight from an allowed origin with exactly the MCP headers it asked for', async () => {
    const response = await fetch(`${base}/mcp`, {
      method: 'OPTIONS',
      headers: {
        Origin: PAGE_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'content-type,mcp-protocol-version,mcp-method,mcp-param-region,x-other',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type, mcp-protocol-version, mcp-method, mcp-param-region',
    );
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('gives no CORS headers to another origin, and the transport refuses it', async () => {
    const response = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, Origin: 'http://evil.example' },
      body: DISCOVER,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves MCP to an allowed page origin with its CORS header', async () => {
    const response = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, Origin: PAGE_ORIGIN },
      body: DISCOVER,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(await response.json()).toMatchObject({ result: { resultType: 'complete' } });
  });

  it('serves a 2025-era client on the same endpoint through the dual-era layer', async () => {
    const response = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'old', version: '1' },
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{16,}$/i);
    const body = await response.text();
    expect(body).toContain('"protocolVersion":"2025-11-25"');
    expect(body).toContain('"name":"tern-travel-desk"');
  });

  it('serves the home page and health next to the endpoint, and refuses a foreign Host', async () => {
    const home = await fetch(`${base}/`);
    expect(await home.text()).toContain(`${base}/mcp`);
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      server: { name: 'tern-travel-desk' },
    });
    expect(await statusWithHost(`${base}/`, 'evil.example')).toBe(403);
  });

  it('serves the browser client at /app/ with a strict content security policy', async () => {
    const redirect = await fetch(`${base}/app?server=x`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/app/?server=x');
    const page = await fetch(`${base}/app/`);
    expect(await page.text()).toContain('web client');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('links a loyalty account through its sign-in page', async () => {
    const link = desk.startLoyaltyLink('tern-miles');
    const page = await fetch(`${base}/loyalty/connect?code=${link.code}`);
    expect(await page.text()).toContain('Sign in to Tern Miles');
    const done = await fetch(`${base}/loyalty/connect`, {
      method: 'POST',
      body: new URLSearchParams({ code: link.code, memberId: 'TM-1234' }),
    });
    expect(done.status).toBe(200);
    expect(desk.loyaltyLink(link.code)?.memberId).toBe('TM-1234');
    const unknown = await fetch(`${base}/loyalty/connect?code=nope`);
    expect(unknown.status).toBe(404);
  });
});

/** fetch() cannot set Host, so use node:http for the DNS-rebinding probe. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}
