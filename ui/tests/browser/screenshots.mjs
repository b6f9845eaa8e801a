// The README's screenshots: the built UI in headless Chromium at 1440×900 against the mock host's
// `press` archive, saved as PNGs in docs/screenshots/. `npm run screenshots` builds first; this is
// not a test, and neither `npm test` nor `npm run test:browser` runs it.
//
// The clock is fixed and the settings are chosen per screen, so the pictures do not change with
// the day they are taken or the machine's theme and languages. One CSS pixel is one device pixel,
// which keeps each PNG small. `node tests/browser/screenshots.mjs search reader` redraws only
// those, of an existing build.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMockHost } from './build-mock-host.mjs';
import { emitFromPage, launchBrowser, waitDropReady, waitReady } from './harness.mjs';
import { serveStatic } from './serve.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const OUT = fileURLToPath(new URL('../../../docs/screenshots', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };
/** The day the pictures are taken: the Kyiv work was imported the days before. */
const NOW = new Date('2024-03-09T10:30:00Z');
/** A README should not carry heavy pictures. */
const MAX_BYTES = 400 * 1024;
const DESKTOP = '/home/ana/Desktop';

/**
 * Opens the app on a mock scenario with these settings (theme, language, list or grid) and waits
 * until it is ready; `problems` collects every error the page shows.
 */
async function open(context, baseUrl, mockHost, { scenario = 'press', settings = {} } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.setViewportSize(VIEWPORT);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.clock.setFixedTime(NOW);
  const chosen = { theme: 'light', language: 'en', viewMode: 'list', ...settings };
  await page.addInitScript((json) => {
    localStorage.setItem('folio.settings', json);
    // A British system, so the export dialog offers A4 as most of the world prints on.
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['en-GB', 'en'] });
  }, JSON.stringify(chosen));
  // As tauri.conf.json's `freezePrototype: true` does in the desktop window.
  await page.addInitScript(() => Object.freeze(Object.prototype));
  await page.addInitScript({ path: mockHost });
  await page.goto(`${baseUrl}/?mock=${scenario}`);
  await waitReady(page);
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  if (ratio !== 1) throw new Error(`the page draws ${String(ratio)} device pixels to a CSS pixel, not 1`);
  return { page, problems };
}

/** The list's or grid's first entry whose text holds `title`. */
function entry(page, title) {
  return page.locator(`[data-testid="item-row"], [data-testid="item-cell"]`).filter({ hasText: title }).first();
}

/** Waits until every image in the window has loaded and been decoded (lazy ones below can wait). */
async function imagesLoaded(page) {
  const shown = () =>
    [...document.images].filter((image) => {
      const box = image.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
    });
  await page.waitForFunction(`(${shown.toString()})().every((image) => image.complete && image.naturalWidth > 0)`);
  await page.evaluate(`Promise.all((${shown.toString()})().map((image) => image.decode().catch(() => undefined)))`);
}

async function save(page, problems, name) {
  await imagesLoaded(page);
  // Let the last transitions and debounced queries settle.
  await page.waitForTimeout(300);
  if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  const { size } = await stat(path);
  if (size > MAX_BYTES) throw new Error(`${name}.png is ${String(Math.round(size / 1024))} KB, over ${String(MAX_BYTES / 1024)} KB`);
  console.log(`  saved ${name}.png (${String(Math.round(size / 1024))} KB)`);
  await page.close();
}

const SHOTS = {
  /** Photos as a grid, one selected, its fields in the inspector. */
  'library-grid': async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost, { settings: { viewMode: 'grid' } });
    await page.getByTestId('view-photos').click();
    await entry(page, 'Signing of the joint declaration').click();
    await page.getByTestId('details-open').waitFor();
    await save(page, problems, 'library-grid');
  },

  /** Everything as a list, newest first by date, an article selected. */
  'library-list': async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost);
    await page.getByTestId('sort-date').click();
    await entry(page, 'Joint laboratory for quantum photonics opens in Novosibirsk').click();
    await page.getByTestId('details-open').waitFor();
    await save(page, problems, 'library-list');
  },

  /** A search with its words marked in the snippets, narrowed to photos by a filter chip. */
  search: async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost);
    await page.getByTestId('search-input').fill('delegation');
    await page.getByTestId('item-snippet').first().waitFor();
    await page.getByTestId('chip-kind').selectOption('photo');
    await page.getByTestId('view-count').filter({ hasText: '5 results' }).waitFor();
    await entry(page, 'Plenary session of the energy forum, Kazan').click();
    await page.getByTestId('details-open').waitFor();
    await save(page, problems, 'search');
  },

  /** An article in the reader, down to its figures. */
  reader: async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost);
    await page.getByTestId('view-articles').click();
    await entry(page, 'Joint laboratory for quantum photonics opens in Novosibirsk').dblclick();
    await page.getByTestId('article-reader').waitFor();
    await page.getByTestId('figure-photo').first().waitFor();
    await save(page, problems, 'reader');
  },

  /** A photo in the viewer, with its caption, credit and byline. */
  'photo-viewer': async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost);
    await page.getByTestId('view-photos').click();
    await entry(page, 'Skolkovo Innovation Center, plenary session').dblclick();
    await page.getByTestId('viewer-image').waitFor();
    await save(page, problems, 'photo-viewer');
  },

  /** The report of an import that met a duplicate, a file it does not take and a damaged PDF. */
  'import-report': async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost, { scenario: 'press&import=manual' });
    await waitDropReady(page);
    const paths = [`${DESKTOP}/Kyiv assignment`, `${DESKTOP}/Статья о выборах.docx`];
    await emitFromPage(page, 'tauri://drag-drop', { paths, position: { x: 600, y: 400 } });
    await page.getByTestId('import-progress').waitFor();
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
    await save(page, problems, 'import-report');
  },

  /** The export dialog, offering a collection's items as a PDF dossier. */
  export: async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost);
    await page.locator('[data-testid="app"][data-jobs-ready="true"]').waitFor();
    await page.getByTestId('collection-4').click();
    await page.getByTestId('sort-date').click();
    await entry(page, 'Joint laboratory for quantum photonics opens in Novosibirsk').click();
    await page.keyboard.press('Control+a');
    await page.getByTestId('selection-count').filter({ hasText: '5 items selected' }).waitFor();
    await page.keyboard.press('Control+e');
    await page.getByTestId('export-dialog').waitFor();
    await save(page, problems, 'export');
  },

  /** The dark theme with the UI in Chinese, reading a Chinese article. */
  'dark-zh': async (context, baseUrl, mockHost) => {
    const { page, problems } = await open(context, baseUrl, mockHost, { settings: { theme: 'dark', language: 'zh' } });
    await page.getByTestId('view-articles').click();
    await entry(page, '中俄科技创新成果展在上海开幕').dblclick();
    await page.getByTestId('figure-photo').first().waitFor();
    await save(page, problems, 'dark-zh');
  },
};

async function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !(name in SHOTS));
  if (unknown.length > 0) throw new Error(`no screenshot called ${unknown.join(', ')}; there are ${Object.keys(SHOTS).join(', ')}`);
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error(`${DIST}/index.html is missing: run \`npm run build\` first`);
  });
  await mkdir(OUT, { recursive: true });
  const scratch = await mkdtemp(join(tmpdir(), 'folio-screenshots-'));
  const server = await serveStatic(DIST);
  const browser = await launchBrowser();
  try {
    const mockHost = await buildMockHost(join(scratch, 'mock-host'));
    for (const [name, shoot] of Object.entries(SHOTS)) {
      if (only.length === 0 || only.includes(name)) await shoot(browser.context, server.url, mockHost);
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
