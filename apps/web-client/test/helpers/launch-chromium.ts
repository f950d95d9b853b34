/**
 * Starts the system's headless Chromium through playwright-core. Playwright's own browser
 * download (`npx playwright install`) does not work on this project's machines, so the test uses
 * Debian's `chromium` package; CI installs it (scripts/test-all.sh). A missing browser fails the
 * test with instructions: it must never pass silently.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Where the browser is: `CHROMIUM_PATH`, or Debian's package. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Flags for a sandboxed CI machine: no GPU, and no background traffic to Google's services
 * (a closed network refuses it, many connections at a time). Playwright adds `--headless`,
 * `--no-sandbox` (Chromium's sandbox needs a non-root user) and a fresh temporary profile.
 */
const FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium, or throws an error that says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}, so the browser test cannot run.\n` +
        'Install it (Debian/Ubuntu, as root): DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\n' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary. `npm test` (scripts/test-all.sh) installs it when missing.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: FLAGS,
    timeout: 30_000,
  });
}

/** A new page whose waits are bounded by `waitMs`, and the errors it logs. */
export interface WatchedPage {
  readonly page: Page;
  /** Errors the page logged (a CSP violation, a failed load, an uncaught exception). */
  readonly errors: string[];
}

/**
 * Opens a page in a new context of `browser` and collects the errors it logs, but for console
 * errors that `expected` accepts (Chromium logs a 401 the page handles as a failed load).
 */
export async function openWatchedPage(
  browser: Browser,
  waitMs: number,
  expected: (text: string) => boolean = () => false,
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(waitMs);
  page.setDefaultNavigationTimeout(waitMs);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/**
 * Launches Chromium for a test file: the browser, or the launch error that every test of the
 * file then fails with (never a skip: without a browser the test must fail and say why).
 */
export async function launchOrError(): Promise<{ browser: Browser | undefined; launchError: unknown }> {
  try {
    return { browser: await launchChromium(), launchError: undefined };
  } catch (error) {
    return { browser: undefined, launchError: error };
  }
}
