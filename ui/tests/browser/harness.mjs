// Browser test harness: headless Debian Chromium, pages that record errors, named checks.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh profile; `close()` ends it and removes the profile. */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'folio-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      timeout: 30_000,
    });
    context.setDefaultTimeout(10_000);
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens a page that runs `initScript` before any page script, with `Object.prototype` frozen as in
 * the desktop window, and records every error it shows. `before` (a function run in the page
 * first) can set up the browser, e.g. its languages or stored settings.
 */
export async function openPage(context, url, initScript, before = null) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // As tauri.conf.json's `freezePrototype: true` does in the desktop window.
  if (before) await page.addInitScript(before);
  await page.addInitScript(() => Object.freeze(Object.prototype));
  await page.addInitScript({ path: initScript });
  await page.goto(url);
  return { page, problems };
}

/** Collects named checks; each failure is printed with its reason, and the run goes on. */
export function createChecks() {
  const results = [];
  return {
    async check(name, body) {
      try {
        await body();
        results.push({ name, ok: true });
        console.log(`  ok    ${name}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        results.push({ name, ok: false });
        console.log(`  FAIL  ${name}\n        ${reason}`);
      }
    },
    summary() {
      const failed = results.filter((result) => !result.ok).length;
      return { passed: results.length - failed, failed };
    },
  };
}

/** Throws with `message` unless `condition` holds. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until the test id's text is `expected`; the error says what was there instead. */
export async function expectText(page, testId, expected) {
  const selector = `[data-testid="${testId}"]`;
  try {
    await page.waitForFunction(
      ([css, text]) => document.querySelector(css)?.textContent?.trim() === text,
      [selector, expected],
      { timeout: 5_000 },
    );
  } catch {
    const actual = await page.evaluate((css) => document.querySelector(css)?.textContent?.trim() ?? null, selector);
    throw new Error(`${selector} shows ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`);
  }
}

/** Waits until the first load has finished and change events would be heard. */
export async function waitReady(page) {
  await page.locator('[data-testid="app"][data-ready="true"]').waitFor({ timeout: 15_000 });
}

/** Waits until a file drop, and the progress of the import it starts, would be heard. */
export async function waitDropReady(page) {
  await page.locator('[data-testid="app"][data-drop-ready="true"]').waitFor({ timeout: 15_000 });
}

/**
 * Emits an event from the page as Tauri itself would, e.g. `tauri://drag-drop` for a file drop:
 * the same call drives the real app through WebDriver.
 */
export async function emitFromPage(page, event, payload) {
  await page.evaluate(
    ([name, body]) => window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: name, payload: body }),
    [event, payload],
  );
}

/** With FOLIO_SCREENSHOTS=DIR, saves light and dark screenshots of the page as NAME-light.png etc. */
export async function screenshot(page, name) {
  const dir = process.env.FOLIO_SCREENSHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(dir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
