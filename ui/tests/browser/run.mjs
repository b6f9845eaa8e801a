// Browser tests: the built UI in headless Chromium against the mock host. Run `npm run build` first.
//
// Set FOLIO_SCREENSHOTS=DIR to also save light and dark screenshots of each scenario.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMockHost } from './build-mock-host.mjs';
import { createChecks, expect, expectText, launchBrowser, openPage, screenshot, waitReady } from './harness.mjs';
import { comfortScenarios } from './comfort.mjs';
import { exportScenarios } from './export.mjs';
import { facetScenarios } from './facets.mjs';
import { historyScenarios } from './history.mjs';
import { importScenarios } from './import.mjs';
import { inspectorScenarios } from './inspector.mjs';
import { organiseScenarios } from './organise.mjs';
import { ratingsScenarios } from './ratings.mjs';
import { scaleScenarios } from './scale.mjs';
import { searchScenarios } from './search.mjs';
import { similarScenarios } from './similar.mjs';
import { startupScenarios } from './startup.mjs';
import { teamScenarios } from './team.mjs';
import { watchScenarios } from './watch.mjs';
import { serveStatic } from './serve.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const OVERALL_TIMEOUT_MS = 300_000;
const IN_USE_SENTENCE =
  'This archive is open in another Folio window or command. Close it and try again.';
const INTERNAL_SENTENCE =
  'Something went wrong inside Folio. Try again; if it keeps happening, please report it with the details below.';

const cleanups = [];
async function cleanUp() {
  while (cleanups.length > 0) await cleanups.pop()?.().catch(() => undefined);
}
function abort(reason) {
  console.error(`browser: ${reason}`);
  const forceExit = setTimeout(() => process.exit(1), 10_000);
  void cleanUp().finally(() => {
    clearTimeout(forceExit);
    process.exit(1);
  });
}
const overall = setTimeout(() => {
  abort(`timed out after ${OVERALL_TIMEOUT_MS / 1000} s`);
}, OVERALL_TIMEOUT_MS);
process.once('SIGINT', () => {
  abort('interrupted');
});
process.once('SIGTERM', () => {
  abort('terminated');
});

/** The shipped HTML must run under `script-src 'self'; style-src 'self'`. */
function assertNoInlineCode() {
  const indexHtml = join(DIST, 'index.html');
  if (!existsSync(indexHtml)) throw new Error(`${indexHtml} is missing: run \`npm run build\` first`);
  const html = readFileSync(indexHtml, 'utf8');
  const inline = [
    ...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/g),
    ...html.matchAll(/<style\b/g),
    ...html.matchAll(/\sstyle=/g),
    ...html.matchAll(/\son[a-z]+=/g),
  ];
  if (inline.length > 0) throw new Error(`dist/index.html has inline code: ${inline.join(', ')}`);
}

async function emptyArchive(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=empty`, mockHost);
  await checks.check('empty archive: the app becomes ready with Object.prototype frozen', async () => {
    await waitReady(page);
    expect(await page.evaluate(() => Object.isFrozen(Object.prototype)), 'Object.prototype is not frozen');
  });

  await checks.check('empty archive: sidebar, item area and inspector are labelled landmarks', async () => {
    for (const selector of ['nav[aria-label="Library"]', 'main[aria-label="Items"]', 'aside[aria-label="Inspector"]']) {
      expect((await page.locator(selector).count()) === 1, `no single ${selector}`);
    }
    const nav = (await page.locator('nav').textContent()) ?? '';
    for (const text of ['All items', 'Articles', 'Photos', 'Untagged', 'Recently imported', 'Trash', 'Collections', 'Tags']) {
      expect(nav.includes(text), `sidebar lacks "${text}"`);
    }
    const inspector = (await page.locator('aside').textContent()) ?? '';
    expect(inspector.includes('Select an item to see its details'), 'inspector lacks its selection hint');
  });

  await checks.check('empty archive: the item area invites a drop', async () => {
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    const text = (await empty.textContent()) ?? '';
    expect(text.includes('Your archive is empty'), `empty state says "${text}"`);
    expect(text.includes('Drop articles, photos, web pages or ZIP bundles'), `empty state says "${text}"`);
    expect((await page.getByTestId('error-banner').count()) === 0, 'an error banner is showing');
  });

  await checks.check('empty archive: the Archive panel shows the host stats', async () => {
    await expectText(page, 'stat-items', '0');
    await expectText(page, 'stat-articles', '0');
    await expectText(page, 'stat-photos', '0');
    await expectText(page, 'stat-tags', '0');
    await expectText(page, 'stat-collections', '0');
    await expectText(page, 'stat-objects', '0');
    await expectText(page, 'stat-objects-bytes', '0 B');
    await expectText(page, 'stat-database-bytes', '98.3 KB');
    await expectText(page, 'stat-schema-version', '1');
    await expectText(page, 'archive-path', '/home/ana/Folio Archive');
  });

  await checks.check('keyboard focus is visible on the first sidebar view', async () => {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement)) return null;
      const style = getComputedStyle(element);
      return { testId: element.dataset.testid, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused?.testId === 'view-all', `Tab focused ${JSON.stringify(focused)}`);
    expect(focused.outline !== 'none' && focused.width !== '0px', `focus has no outline: ${JSON.stringify(focused)}`);
  });
  await screenshot(page, 'empty-archive');

  await checks.check('a folio://changed event refetches the stats', async () => {
    await page.evaluate(async () => {
      const mock = window.__folioMock;
      if (!mock) throw new Error('the mock host is not installed');
      mock.setStats({ items: 3, articles: 2, photos: 1, objects: 3, objects_bytes: 1_234_567, database_bytes: 1_572_864 });
      await mock.emitChanged({ changes: [{ kind: 'items', ids: [1, 2, 3] }, { kind: 'stats' }] });
    });
    await expectText(page, 'stat-items', '3');
    await expectText(page, 'stat-articles', '2');
    await expectText(page, 'stat-photos', '1');
    await expectText(page, 'stat-objects', '3');
    await expectText(page, 'stat-objects-bytes', '1.2 MB');
    await expectText(page, 'stat-database-bytes', '1.6 MB');
    await page.getByTestId('empty-state').waitFor({ state: 'detached' });
    const calls = await page.evaluate(() => window.__folioMock?.calls.archive_stats);
    expect(calls === 2, `archive_stats was called ${calls} times, not 2`);
  });
  await screenshot(page, 'after-change');

  await checks.check('empty archive: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function archiveInUse(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=in-use`, mockHost);
  await checks.check('archive in use: the app becomes ready', () => waitReady(page));
  await checks.check('archive in use: the banner says so in plain words, with the detail', async () => {
    await page.getByTestId('error-banner').waitFor();
    await expectText(page, 'error-summary', IN_USE_SENTENCE);
    const detail = (await page.getByTestId('error-detail').textContent()) ?? '';
    expect(detail.includes('another process holds the archive lock'), `detail says "${detail}"`);
    expect((await page.getByTestId('empty-state').count()) === 0, 'the empty state shows despite the error');
    await expectText(page, 'archive-unavailable', 'Archive details are unavailable.');
  });
  await checks.check('archive in use: "Try again" asks the host again', async () => {
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForFunction(() => window.__folioMock?.calls.archive_stats === 2, null, { timeout: 5_000 });
    await page.getByRole('button', { name: 'Try again' }).waitFor();
  });
  await screenshot(page, 'archive-in-use');
  await checks.check('archive in use: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function malformedRejection(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=malformed`, mockHost);
  // The platform turns a rejection that is not `{ code, message }` into `internal`, keeping its text.
  await checks.check('malformed rejection: the banner says Folio went wrong, keeping the raw text', async () => {
    await waitReady(page);
    await expectText(page, 'error-summary', INTERNAL_SENTENCE);
    await expectText(page, 'error-detail', 'Details: the host said something this UI does not understand');
  });
  await checks.check('malformed rejection: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function main() {
  assertNoInlineCode();
  const scratch = await mkdtemp(join(tmpdir(), 'folio-browser-'));
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  const mockHost = await buildMockHost(join(scratch, 'mock-host'));
  const server = await serveStatic(DIST);
  cleanups.push(server.close);
  const browser = await launchBrowser();
  cleanups.push(browser.close);

  const checks = createChecks();
  const groups = {
    shell: async (...args) => {
      await emptyArchive(...args);
      await archiveInUse(...args);
      await malformedRejection(...args);
    },
    startup: startupScenarios,
    import: importScenarios,
    search: searchScenarios,
    facets: facetScenarios,
    organise: organiseScenarios,
    inspector: inspectorScenarios,
    history: historyScenarios,
    ratings: ratingsScenarios,
    comfort: comfortScenarios,
    export: exportScenarios,
    scale: scaleScenarios,
    similar: similarScenarios,
    watch: watchScenarios,
    team: teamScenarios,
  };
  // `node tests/browser/run.mjs search organise` runs only those groups, while working on them.
  const only = process.argv.slice(2);
  for (const [name, run] of Object.entries(groups)) {
    if (only.length === 0 || only.includes(name)) await run(checks, browser.context, server.url, mockHost);
  }
  return checks.summary();
}

try {
  const { passed, failed } = await main();
  await cleanUp();
  clearTimeout(overall);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
} catch (error) {
  clearTimeout(overall);
  abort(`could not run: ${error instanceof Error ? error.message : String(error)}`);
}
