// Browser tests at scale: a mock library of 200,000 items stays a window of rows in the DOM,
// pages in from the host as it scrolls, and reaches its end; and how long its first screen takes.
import { expect, expectText, openPage, waitReady } from './harness.mjs';
import { expectNoProblems } from './workflow.mjs';

const COUNT = 200_000;

/** Runs in the page before anything else: notes when the first titled row appears. */
function recordFirstRow() {
  const look = () => {
    if (document.querySelector('[data-testid="item-row"] [data-testid="item-title"]')) {
      window.__firstRowAt = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

const rowsInDom = (page) => page.locator('[data-testid="item-row"]').count();

export async function scaleScenarios(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=large`, mockHost, recordFirstRow);

  await checks.check('scale: the first screen of 200,000 items shows (time printed, not asserted)', async () => {
    await waitReady(page);
    await page.waitForFunction(() => window.__firstRowAt !== undefined, null, { timeout: 30_000 });
    const firstRow = await page.evaluate(() => window.__firstRowAt);
    const built = await page.evaluate(() => window.__folioMock?.libraryBuiltMs ?? 0);
    console.log(
      `  info  first screen of ${COUNT.toLocaleString('en-US')} items: ${String(Math.round(firstRow))} ms after navigation ` +
        `(of which the mock host spent ${String(Math.round(built))} ms building its library)`,
    );
    await expectText(page, 'view-count', '200,000 items');
  });

  await checks.check('scale: only a window of rows is in the DOM, and only their page was asked for', async () => {
    const rows = await rowsInDom(page);
    expect(rows > 10 && rows < 60, `${String(rows)} rows in the DOM`);
    const requests = await page.evaluate(() => window.__folioMock?.listRequests ?? []);
    expect(requests.every((request) => request.limit <= 100), `a request asked for more than a page: ${JSON.stringify(requests)}`);
  });

  await checks.check('scale: scrolling to the end pages in the last rows and keeps the window small', async () => {
    const before = await page.evaluate(() => window.__folioMock?.listRequests.length ?? 0);
    await page.getByTestId('item-list').evaluate((list) => {
      list.scrollTop = list.scrollHeight;
    });
    await page.waitForFunction(
      (last) => document.querySelector(`[data-testid="item-row"][data-index="${String(last)}"] [data-testid="item-title"]`) !== null,
      COUNT - 1,
      { timeout: 10_000 },
    );
    const rows = await rowsInDom(page);
    expect(rows > 10 && rows < 60, `${String(rows)} rows in the DOM at the end`);
    const last = await page.locator(`[data-testid="item-row"][data-index="${String(COUNT - 1)}"]`).getAttribute('data-item-id');
    expect(last === '1', `the last row is item ${String(last)}, not the first imported`);
    const asked = await page.evaluate((from) => window.__folioMock?.listRequests.slice(from) ?? [], before);
    expect(asked.length <= 3 && asked.every((request) => request.offset >= 199_800), `scrolling asked for ${JSON.stringify(asked)}`);
  });

  await checks.check('scale: scrolling through the middle keeps a window; Home returns to the top', async () => {
    const list = page.getByTestId('item-list');
    for (const fraction of [0.25, 0.5, 0.75]) {
      await list.evaluate((element, at) => {
        element.scrollTop = element.scrollHeight * at;
      }, fraction);
      await page.waitForFunction(() => document.querySelector('.item-list__row--pending') === null, null, { timeout: 10_000 });
      const rows = await rowsInDom(page);
      expect(rows < 60, `${String(rows)} rows in the DOM at ${String(fraction)}`);
    }
    await list.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('[data-testid="item-row"][data-index="0"][aria-selected="true"]') !== null);
    await page.keyboard.press('End');
    await page.waitForFunction(
      (last) => document.querySelector(`[data-testid="item-row"][data-index="${String(last)}"][aria-selected="true"]`) !== null,
      COUNT - 1,
    );
  });

  await checks.check('scale: Ctrl+A selects all 200,000 at once, without loading them', async () => {
    const before = await page.evaluate(() => window.__folioMock?.listRequests.length ?? 0);
    await page.keyboard.press('Control+a');
    await expectText(page, 'selection-count', '200,000 items selected');
    const after = await page.evaluate(() => window.__folioMock?.listRequests.length ?? 0);
    expect(after - before <= 1, `select all asked for ${String(after - before)} pages`);
    await page.keyboard.press('Escape');
  });

  await checks.check('scale: the grid is a window too, to its end', async () => {
    await page.getByTestId('view-mode-grid').click();
    const grid = page.getByTestId('item-grid');
    await grid.waitFor();
    await grid.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.waitForFunction(
      (last) => document.querySelector(`[data-testid="item-cell"][data-index="${String(last)}"]`) !== null,
      COUNT - 1,
      { timeout: 10_000 },
    );
    const cells = await page.getByTestId('item-cell').count();
    expect(cells < 120, `${String(cells)} cells in the DOM`);
    await page.getByTestId('view-mode-list').click();
  });

  await checks.check('scale: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}
