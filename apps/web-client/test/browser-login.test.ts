/**
 * The page logs in to the demo in authorization mode (DEMO_AUTH=1) in real Chromium: the demo
 * server runs as a process and serves this page's fresh build at /app/; its development
 * authorization server (oidc-provider) shows its real login and consent pages in the login
 * window, where the test types and clicks as a person would. Then a protected tool is called.
 * Pressing Cancel on the login page ends in a clear failure instead.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPage } from './helpers/build-page.js';
import { startDemoServer } from './helpers/demo-server-process.js';
import type { DemoServerProcess } from './helpers/demo-server-process.js';
import { launchOrError, openWatchedPage } from './helpers/launch-chromium.js';

const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
/** Every wait in the page is bounded by this. */
const WAIT_MS = 15_000;

let browser: Browser | undefined;
let launchError: unknown;
let pageDir: string | undefined;
let demo: DemoServerProcess | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  // Without a browser every test fails (never skips) with the launch error, which says how to fix it.
  ({ browser, launchError } = await launchOrError());
  if (browser === undefined) return;
  pageDir = await buildPage();
  demo = await startDemoServer(pageDir);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (pageDir !== undefined) await rm(pageDir, { recursive: true, force: true });
});

beforeEach(async () => {
  if (browser === undefined) throw launchError;
  // The 401 that starts the login is logged by Chromium as a failed load; nothing else may be.
  ({ page, errors: pageErrors } = await openWatchedPage(browser, WAIT_MS, (text) => text.includes('401 (Unauthorized)')));
});

afterEach(async () => {
  if (browser !== undefined) await page.context().close();
});

/** Opens the page, checks the login prompt, and presses "Log in": resolves with the login window. */
async function openLoginWindow(): Promise<Page> {
  const { origin, issuer } = demo ?? { origin: '', issuer: '' };
  await page.goto(`${origin}/app/`);
  const prompt = page.locator('#login-prompt');
  await prompt.getByRole('button', { name: 'Log in' }).waitFor();
  await expect(prompt.textContent()).resolves.toContain(`This server needs you to log in at ${issuer}`);
  const shown = new URL((await prompt.locator('.login-url').textContent()) ?? '');
  expect(shown.origin).toBe(issuer);
  expect(shown.searchParams.get('code_challenge_method')).toBe('S256');
  expect(shown.searchParams.get('resource')).toBe(`${origin}/mcp`);
  expect(shown.searchParams.get('redirect_uri')).toBe(`${origin}/app/`);
  await page.screenshot({ path: `${RESULTS_DIR}web-client-login.png` });
  const [popup] = await Promise.all([page.waitForEvent('popup'), prompt.getByRole('button', { name: 'Log in' }).click()]);
  await prompt.getByText('Waiting for you to log in in the other window').waitFor();
  await popup.locator('input[name="login"]').waitFor();
  // The authorization server's page cannot reach (navigate) the page that opened it.
  await expect(popup.evaluate(() => window.opener === null)).resolves.toBe(true);
  return popup;
}

describe('the web client against the demo in authorization mode', () => {
  it('logs in through the authorization server pages in the login window, then calls a protected tool', async () => {
    const popup = await openLoginWindow();
    await popup.locator('input[name="login"]').fill('ada');
    await popup.locator('input[name="password"]').fill('any password');
    await popup.getByRole('button', { name: 'Sign-in' }).click();
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Continue' }).click();
    await closed;

    const status = page.locator('#connection-status[data-state="connected"]');
    await status.waitFor();
    await expect(status.textContent()).resolves.toMatch(/Connected to .*\/mcp: \d+ tools/);
    await expect(page.locator('#login-prompt').isHidden()).resolves.toBe(true);

    await page.locator('button.tool[data-tool="search_flights"]').click();
    const fields = page.locator('#call-fields');
    await fields.getByLabel('from').selectOption('amsterdam');
    await fields.getByLabel('to').selectOption('lisbon');
    await fields.getByLabel('date').fill('2026-09-18');
    await page.getByRole('button', { name: 'Call tool' }).click();
    const result = page.locator('article.conversation[data-status="complete"] [data-outcome="complete"]');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('4 flights Amsterdam → Lisbon on 2026-09-18');
    await page.screenshot({ path: `${RESULTS_DIR}web-client-logged-in.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('says clearly that the login failed when the person presses Cancel on the login page', async () => {
    const popup = await openLoginWindow();
    const closed = popup.waitForEvent('close');
    await popup.getByRole('link', { name: '[ Cancel ]' }).click();
    await closed;
    const status = page.locator('#connection-status[data-state="error"]');
    await status.waitFor();
    await expect(status.textContent()).resolves.toBe(
      `Could not list the tools of ${demo?.origin ?? ''}/mcp. Login failed: the authorization was declined.`,
    );
    await expect(page.locator('#tool-list li').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
