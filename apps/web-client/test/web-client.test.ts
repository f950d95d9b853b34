/**
 * Drives the built page in headless Chromium against real MCP servers on 127.0.0.1: a two-round
 * tool call through rendered forms, a URL elicitation, and a server on another origin, allowed
 * and refused by CORS. Screenshots go to test-results/ (gitignored) for a human to look at.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPage } from './helpers/build-page.js';
import { launchOrError, openWatchedPage } from './helpers/launch-chromium.js';
import { startApiServer, startPageServer } from './helpers/start-servers.js';
import type { RunningServer } from './helpers/start-servers.js';
import { createTravelServer } from './helpers/travel-server.js';

const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
/** Every wait in the page is bounded by this. */
const WAIT_MS = 10_000;

let pageDir: string | undefined;
let browser: Browser | undefined;
let pageServer: RunningServer;
let apiServer: RunningServer;
let page: Page;
/** Errors the page logged (a CSP violation, a failed load, an uncaught exception). */
let pageErrors: string[];

let launchError: unknown;

beforeAll(async () => {
  // Without a browser every test fails (never skips) with the launch error, which says how to fix it.
  ({ browser, launchError } = await launchOrError());
  if (browser === undefined) return;
  pageDir = await buildPage();
  let consentUrl = '';
  pageServer = await startPageServer(
    pageDir,
    createTravelServer(() => consentUrl),
  );
  consentUrl = `${pageServer.origin}/consent`;
  apiServer = await startApiServer(
    createTravelServer(() => consentUrl),
    [pageServer.origin],
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
  await apiServer?.close();
  if (pageDir !== undefined) await rm(pageDir, { recursive: true, force: true });
});

beforeEach(async () => {
  if (browser === undefined) throw launchError;
  ({ page, errors: pageErrors } = await openWatchedPage(browser, WAIT_MS));
});

afterEach(async () => {
  if (browser !== undefined) await page.context().close();
});

/** Opens the page and waits until it has listed the tools of `server` (default: its own origin). */
async function openPage(origin: string, server?: string): Promise<void> {
  const query = server === undefined ? '' : `?server=${encodeURIComponent(server)}`;
  await page.goto(`${origin}/${query}`);
  await page.locator('#connection-status[data-state="connected"]').waitFor();
}

/** Picks `tool` and fills in its arguments in the form built from its inputSchema (no JSON). */
async function startCall(tool: string, args: Record<string, string>): Promise<void> {
  await page.locator(`button.tool[data-tool="${tool}"]`).click();
  await expect(page.locator('#call-json').isHidden()).resolves.toBe(true);
  const fields = page.locator('#call-fields');
  for (const [name, value] of Object.entries(args)) await fields.getByLabel(name).fill(value);
  await page.getByRole('button', { name: 'Call tool' }).click();
}

describe('the web client page', () => {
  it('renders every field kind, completes a two-round tool call and draws its timeline', async () => {
    await openPage(pageServer.origin);
    await expect(page.locator('#connection-status').textContent()).resolves.toContain('4 tools');
    // The tool's own form: its required string argument, with the schema's description as hint.
    await page.locator('button.tool[data-tool="book_trip"]').click();
    const destination = page.locator('#call-fields').getByLabel('destination');
    await expect(destination.getAttribute('required')).resolves.toBe('');
    await expect(page.locator('#call-fields').textContent()).resolves.toContain('Where to go');
    await startCall('book_trip', { destination: 'Lisbon' });

    // Round 1: the trip form, every field reachable by its label, defaults pre-filled.
    const round1 = page.locator('li.step-round[data-round="1"]');
    const form = round1.locator('form.elicitation');
    await form.waitFor();
    await expect(form.getByLabel('Departure date').inputValue()).resolves.toBe('2026-12-01');
    await expect(form.getByLabel('Taxi pickup').getAttribute('type')).resolves.toBe(
      'datetime-local',
    );
    await expect(form.getByLabel('Travellers').inputValue()).resolves.toBe('1');
    await expect(form.getByLabel('Travel insurance').isChecked()).resolves.toBe(true);
    await expect(form.getByLabel('Cabin').inputValue()).resolves.toBe('economy');
    await expect(form.getByLabel('Food tours').isChecked()).resolves.toBe(true);
    await expect(form.getByLabel('Traveller name').getAttribute('required')).resolves.toBe('');
    await expect(form.getByLabel('Company website').getAttribute('required')).resolves.toBeNull();
    await expect(form.getByLabel('Meal').locator('option').allTextContents()).resolves.toEqual([
      '(none)',
      'Vegetarian',
      'Standard',
    ]);
    await expect(form.locator('.required-mark').count()).resolves.toBeGreaterThan(5);

    await form.getByLabel('Traveller name').fill('Ada Lovelace');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByLabel('Seat').selectOption({ label: 'Aisle seat' });
    await form.getByLabel('Meal').selectOption({ label: 'Vegetarian' });
    await form.getByLabel('wifi').check();
    await form.getByLabel('Museums').check();
    await form.getByLabel('Budget (EUR)').fill('1250.5');
    await page.screenshot({ path: `${RESULTS_DIR}web-client-form.png`, fullPage: true });

    // The browser refuses the bad email: no submit, so no answer (answering disables the form).
    const email = form.getByLabel('Email');
    await expect(
      email.evaluate((input) => (input as HTMLInputElement).validity.typeMismatch),
    ).resolves.toBe(true);
    await form.getByRole('button', { name: 'Accept' }).click();
    await expect(email.isEnabled()).resolves.toBe(true);
    await email.fill('ada@example.com');
    await form.getByRole('button', { name: 'Accept' }).click();

    // Round 2: the confirmation, asked with what round 1 answered.
    const round2 = page.locator('li.step-round[data-round="2"]');
    await round2.locator('form.elicitation').waitFor();
    await expect(round2.textContent()).resolves.toContain(
      'Book Lisbon for Ada Lovelace (aisle seat)?',
    );
    await round2.getByLabel('Yes, book it').check();
    await round2.getByRole('button', { name: 'Accept' }).click();

    // The timeline: request, two answered rounds, the result.
    const conversation = page.locator('article.conversation[data-status="complete"]');
    await conversation.waitFor();
    await expect(conversation.locator('li.step-round.answered').count()).resolves.toBe(2);
    const answered = await round1.textContent();
    expect(answered).toContain('Trip details for Lisbon');
    expect(answered).toContain('Accepted');
    expect(answered).toContain('ada@example.com');
    expect(answered).toContain('wifi');
    expect(answered).toContain('Aisle seat'); // answers are shown with the form's labels
    expect(answered).toContain('Museums, Food tours');
    expect(answered).toContain('2026-12-01T06:30:00.000Z');
    await expect(round2.textContent()).resolves.toContain('Yes, book it');
    await expect(
      conversation.locator('[data-outcome="complete"]').textContent(),
    ).resolves.toContain('Booked Lisbon for Ada Lovelace. Booking reference TRN-42.');
    await page.screenshot({ path: `${RESULTS_DIR}web-client-timeline.png`, fullPage: true });
    // The page lives with a strict Content-Security-Policy (no eval, no inline code).
    expect(pageErrors).toEqual([]);
  });

  it('draws the states of a tool call that the server made a task', async () => {
    await openPage(pageServer.origin);
    await startCall('export_report', {});
    const form = page.locator('form.elicitation');
    await form.waitFor();
    await form.getByLabel('Include prices').check();
    await form.getByRole('button', { name: 'Accept' }).click();
    const conversation = page.locator('article.conversation[data-status="complete"]');
    await conversation.waitFor();
    const task = conversation.locator('li.step-task');
    await expect(task.getAttribute('data-status')).resolves.toBe('completed');
    const states = await task
      .locator('.task-states li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
    expect(states[0]).toBe('working');
    expect(states).toContain('input_required');
    expect(states.at(-1)).toBe('completed');
    await expect(
      conversation.locator('[data-outcome="complete"]').textContent(),
    ).resolves.toContain('Report exported with prices.');
    await page.screenshot({ path: `${RESULTS_DIR}web-client-task.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows the full URL of a URL elicitation and opens it in a new tab only after consent', async () => {
    await openPage(pageServer.origin);
    await startCall('connect_calendar', {});
    const consent = page.locator('.url-consent');
    await consent.waitFor();
    await expect(consent.locator('.full-url').textContent()).resolves.toBe(
      `${pageServer.origin}/consent`,
    );
    expect(page.context().pages()).toHaveLength(1);

    const opened = page.context().waitForEvent('page', { timeout: WAIT_MS });
    await consent.getByRole('button', { name: 'Open in a new tab' }).click();
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded', { timeout: WAIT_MS });
    expect(tab.url()).toBe(`${pageServer.origin}/consent`);

    const result = page.locator(
      'article.conversation[data-status="complete"] [data-outcome="complete"]',
    );
    await expect(result.textContent()).resolves.toContain('Calendar connection started.');
    expect(pageErrors).toEqual([]);
  });

  it('talks to a server on another origin that admits the page through CORS', async () => {
    await openPage(pageServer.origin, `${apiServer.origin}/mcp`);
    await startCall('book_trip', { destination: 'Oslo' });
    const form = page.locator('li.step-round[data-round="1"] form.elicitation');
    await form.getByRole('button', { name: 'Decline' }).click();
    const result = page.locator(
      'article.conversation[data-status="complete"] [data-outcome="complete"]',
    );
    await expect(result.textContent()).resolves.toContain('Nothing booked: you chose decline.');

    // An x-mcp-header argument adds an Mcp-Param-Region header, which the preflight must admit.
    await startCall('local_time', { region: 'Oslo' });
    // The newest conversation comes first.
    const time = page.locator('article.conversation').first();
    await time.locator('[data-outcome]').waitFor();
    await expect(time.locator('[data-outcome]').textContent()).resolves.toContain(
      'It is noon in Oslo.',
    );
  });

  it('explains the failure when a server on another origin does not admit the page', async () => {
    // Same page, but from http://localhost:<port>: an origin the API server does not list.
    const otherOrigin = pageServer.origin.replace('127.0.0.1', 'localhost');
    await page.goto(`${otherOrigin}/?server=${encodeURIComponent(`${apiServer.origin}/mcp`)}`);
    const status = page.locator('#connection-status[data-state="error"]');
    await status.waitFor();
    await expect(status.textContent()).resolves.toContain('CORS');
  });
});
