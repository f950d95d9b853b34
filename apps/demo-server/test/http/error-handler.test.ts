// Issue 12, attack 8: the demo's own routes answer bad form bodies with a status and a fixed
// sentence, never Express's default error page (a stack trace with absolute paths).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTravelDeskServer } from '../../src/create-travel-desk-server.js';
import { TravelDesk } from '../../src/desk/travel-desk.js';
import { createDemoApp } from '../../src/http/create-demo-app.js';

let http: Server;
let base: string;
const reported: unknown[] = [];

beforeAll(async () => {
  http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const desk = new TravelDesk();
  const mcp = createTravelDeskServer({ desk, stateKeys: [{ id: 't', secret: randomBytes(32) }], siteUrl: () => base });
  http.on(
    'request',
    createDemoApp({
      mcp,
      desk,
      siteUrl: base,
      allowedHosts: [`127.0.0.1:${port}`],
      allowedOrigins: [base],
      onAppError: (error) => reported.push(error),
    }),
  );
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

/** Posts a form body to the loyalty page. */
async function postForm(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/loyalty/connect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

const LEAKS = [/at [\w.<>]+ \(/, /\/work\//, /node_modules/, /<pre>/, /Error:/];

describe('the demo error handler', () => {
  it.each([
    ['a form body over the 2 kB limit', () => postForm(`code=${'x'.repeat(10_000)}&memberId=abcd`), 413],
    ['a form in a charset the parser refuses', () => postForm('code=x', { 'Content-Type': 'application/x-www-form-urlencoded; charset=koi8-r' }), 415],
    ['a compressed form that does not inflate', () => postForm('not gzip', { 'Content-Encoding': 'gzip' }), 400],
    ['a form with a content coding the parser does not know', () => postForm('code=x', { 'Content-Encoding': 'br2' }), 415],
  ])('answers %s with its status and plain text, no stack or path', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    expect(text.length).toBeLessThan(80);
    expect(reported).toEqual([]);
    // The app still serves others.
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
