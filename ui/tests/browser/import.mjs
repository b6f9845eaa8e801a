// Browser tests of importing: a simulated OS file drop, progress, Cancel, the pickers, the report,
// and the item list that follows. Each scenario has a fresh page with the mock host in manual mode.
import {
  emitFromPage,
  expect,
  expectText,
  openPage,
  screenshot,
  waitDropReady,
  waitReady,
} from './harness.mjs';

const DESKTOP = '/home/ana/Desktop';
const FOLDER = `${DESKTOP}/Kyiv assignment`;
const ARTICLE = `${DESKTOP}/Статья о выборах.docx`;
const IO_SENTENCE =
  'Folio couldn\'t read or write a file. Check that the disk is connected, has free space, and that you have permission to use it.';
// As in mock-fixtures.ts.
const SKIPPED_REASON = 'Not a kind of file Folio imports';
const FAILED_ERROR = 'The PDF is damaged: its cross-reference table is missing';
const NOT_REACHED = 'Not reached: the import was cancelled';

async function openImportPage(context, baseUrl, mockHost, extra = '') {
  const opened = await openPage(context, `${baseUrl}/?mock=empty&import=manual${extra}`, mockHost);
  await waitReady(opened.page);
  await waitDropReady(opened.page);
  return opened;
}

function mockValue(page, read) {
  return page.evaluate(read);
}

async function waitForMock(page, predicate, what) {
  try {
    await page.waitForFunction(predicate, null, { timeout: 5_000 });
  } catch {
    throw new Error(`the mock host never saw ${what}`);
  }
}

/** Rows of a report list as `{ path, title, reason }`. */
function reportEntries(page, testId) {
  return page.locator(`[data-testid="${testId}"] [data-testid="report-entry"]`).evaluateAll((entries) =>
    entries.map((entry) => {
      const path = entry.querySelector('[data-testid="report-entry-path"]');
      return {
        path: path?.textContent ?? null,
        title: path?.getAttribute('title') ?? null,
        reason: entry.querySelector('[data-testid="report-entry-reason"]')?.textContent ?? null,
      };
    }),
  );
}

function rowTitles(page) {
  return page.getByTestId('item-title').allTextContents();
}

async function dropImport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openImportPage(context, baseUrl, mockHost);

  await checks.check('drop: dragging files over the window shows the drop overlay, leaving hides it', async () => {
    await emitFromPage(page, 'tauri://drag-enter', { paths: [FOLDER, ARTICLE], position: { x: 400, y: 300 } });
    const overlay = page.getByTestId('drop-overlay');
    await overlay.waitFor();
    const text = (await overlay.textContent()) ?? '';
    expect(text.includes('Drop to import into Folio'), `overlay says "${text}"`);
    expect(text.includes('2 files or folders'), `overlay says "${text}"`);
    await screenshot(page, 'drop-overlay');
    await emitFromPage(page, 'tauri://drag-leave', null);
    await overlay.waitFor({ state: 'detached' });
  });

  await checks.check('drop: a drop of two paths calls import_paths with exactly those paths', async () => {
    await emitFromPage(page, 'tauri://drag-enter', { paths: [FOLDER, ARTICLE], position: { x: 400, y: 300 } });
    await emitFromPage(page, 'tauri://drag-drop', { paths: [FOLDER, ARTICLE], position: { x: 400, y: 300 } });
    await waitForMock(page, () => window.__folioMock?.importRequests.length === 1, 'an import request');
    const requests = await mockValue(page, () => window.__folioMock?.importRequests);
    expect(
      JSON.stringify(requests) ===
        JSON.stringify([{ paths: [FOLDER, ARTICLE], tags: [], collection: null, template: null, template_mode: null }]),
      `import_paths got ${JSON.stringify(requests)}`,
    );
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' });
  });

  await checks.check('drop: the progress panel shows the events the host emits', async () => {
    await page.getByTestId('import-progress').waitFor();
    await expectText(page, 'import-files', '0 of 6 files');
    await page.evaluate(() =>
      window.__folioMock?.emitProgress({
        files_done: 3,
        bytes_done: 2_500_000,
        bytes_total: 10_000_000,
        current: '/home/ana/Desktop/Kyiv assignment/.DS_Store',
      }),
    );
    await expectText(page, 'import-files', '3 of 6 files');
    await expectText(page, 'import-bytes', '2.5 MB of 10 MB');
    // By bytes, not files: one large photo outweighs many small captions.
    await expectText(page, 'import-percent', '25%');
    const bar = await page.getByTestId('import-bar').getAttribute('value');
    expect(bar === '25', `the bar's value is ${bar}`);
    const current = page.getByTestId('import-current');
    expect((await current.getAttribute('title')) === `${FOLDER}/.DS_Store`, 'the current file has no full-path title');
    expect(((await current.textContent()) ?? '').endsWith('.DS_Store'), 'the current file is not shown');
    expect((await page.getByTestId('import-button').isDisabled()), 'Import stays enabled during an import');
  });
  await screenshot(page, 'import-progress');

  await checks.check('drop: the report counts each outcome and lists failed, skipped and duplicate files', async () => {
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
    expect((await page.getByTestId('import-progress').count()) === 0, 'the progress panel is still there');
    await expectText(page, 'import-report-headline', 'Imported 3 items; 1 file could not be imported.');
    await expectText(page, 'report-imported', '3');
    await expectText(page, 'report-duplicates', '1');
    await expectText(page, 'report-skipped', '1');
    await expectText(page, 'report-failed', '1');
    const failed = await reportEntries(page, 'report-failed-list');
    const skipped = await reportEntries(page, 'report-skipped-list');
    const duplicates = await reportEntries(page, 'report-duplicates-list');
    const expected = {
      failed: [{ path: 'Kyiv assignment/scans/scan-damaged.pdf', title: `${FOLDER}/scans/scan-damaged.pdf`, reason: FAILED_ERROR }],
      skipped: [{ path: 'Kyiv assignment/.DS_Store', title: `${FOLDER}/.DS_Store`, reason: SKIPPED_REASON }],
      duplicates: [{ path: 'Kyiv assignment/IMG_0413.jpg', title: `${FOLDER}/IMG_0413.jpg`, reason: 'Same file as item 7' }],
    };
    const actual = { failed, skipped, duplicates };
    expect(JSON.stringify(actual) === JSON.stringify(expected), `report lists ${JSON.stringify(actual)}`);
    const folderNote = (await page.locator('.import-report__folder').textContent()) ?? '';
    expect(folderNote.includes(DESKTOP), `the report does not say where the paths are: "${folderNote}"`);
  });

  await checks.check('drop: after the import the list shows the imported items, newest first', async () => {
    await page.getByTestId('item-row').nth(2).waitFor();
    const titles = await rowTitles(page);
    expect(
      JSON.stringify(titles) === JSON.stringify(['Статья о выборах', '基辅街头采访记录', 'Крещатик вечером']),
      `rows are ${JSON.stringify(titles)}`,
    );
    const chinese = page.getByTestId('item-row').nth(1);
    expect((await chinese.getByTestId('item-title').getAttribute('lang')) === 'zh', 'the Chinese title has no lang="zh"');
    const cells = [await chinese.getByTestId('item-date').textContent(), await chinese.getByTestId('item-language').textContent()];
    expect(JSON.stringify(cells) === JSON.stringify(['6 Mar 2024', 'Chinese']), `row shows ${JSON.stringify(cells)}`);
    await expectText(page, 'stat-items', '3');
    expect((await page.getByTestId('empty-state').count()) === 0, 'the empty state is still showing');
  });
  await screenshot(page, 'import-report');

  await checks.check('drop: Articles and Photos list only their kind', async () => {
    await page.getByTestId('view-articles').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="item-row"]').length === 2);
    expect(
      JSON.stringify(await rowTitles(page)) === JSON.stringify(['Статья о выборах', '基辅街头采访记录']),
      `Articles lists ${JSON.stringify(await rowTitles(page))}`,
    );
    await page.getByTestId('view-photos').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="item-row"]').length === 1);
    expect(JSON.stringify(await rowTitles(page)) === JSON.stringify(['Крещатик вечером']), 'Photos lists other items');
    const requests = await mockValue(page, () => window.__folioMock?.listRequests.slice(-2));
    const page0 = (kind) => ({ scope: { kind }, sort: 'imported', descending: true, offset: 0, limit: 100 });
    expect(
      JSON.stringify(requests) === JSON.stringify([page0('articles'), page0('photos')]),
      `list_items got ${JSON.stringify(requests)}`,
    );
  });

  await checks.check('drop: the report can be dismissed', async () => {
    await page.getByTestId('import-report-dismiss').click();
    await page.getByTestId('import-report').waitFor({ state: 'detached' });
  });

  await checks.check('drop: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function cancelImport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openImportPage(context, baseUrl, mockHost);
  await emitFromPage(page, 'tauri://drag-drop', { paths: [FOLDER], position: { x: 10, y: 10 } });
  await page.getByTestId('import-progress').waitFor();
  await page.evaluate(() => window.__folioMock?.emitProgress({ files_done: 2 }));
  await expectText(page, 'import-files', '2 of 5 files');

  await checks.check('cancel: a drop during an import is refused, and the overlay says why', async () => {
    await emitFromPage(page, 'tauri://drag-enter', { paths: [ARTICLE], position: { x: 10, y: 10 } });
    const text = (await page.getByTestId('drop-overlay').textContent()) ?? '';
    expect(text.includes('An import is already running'), `overlay says "${text}"`);
    await emitFromPage(page, 'tauri://drag-drop', { paths: [ARTICLE], position: { x: 10, y: 10 } });
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' });
    const requests = await mockValue(page, () => window.__folioMock?.importRequests.length);
    expect(requests === 1, `import_paths was called ${requests} times`);
  });

  await checks.check('cancel: Cancel calls cancel_import and waits for the import to stop', async () => {
    await page.getByTestId('import-cancel').click();
    await waitForMock(page, () => window.__folioMock?.calls.cancel_import === 1, 'cancel_import');
    await expectText(page, 'import-cancel', 'Cancelling…');
    expect(await page.getByTestId('import-cancel').isDisabled(), 'Cancel can be pressed twice');
  });

  await checks.check('cancel: the report says the import was cancelled and lists files not reached', async () => {
    await page.evaluate(() => window.__folioMock?.finishImport());
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect((await report.getAttribute('data-cancelled')) === 'true', 'the report is not marked cancelled');
    await expectText(page, 'import-report-headline', 'Import cancelled after 2 items had been imported.');
    await expectText(page, 'report-imported', '2');
    const skipped = await reportEntries(page, 'report-skipped-list');
    expect(
      skipped.length === 3 && skipped.every((entry) => entry.reason === NOT_REACHED),
      `skipped lists ${JSON.stringify(skipped)}`,
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="item-row"]').length === 2);
  });
  await screenshot(page, 'import-cancelled');

  await checks.check('cancel: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function pickerImport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openImportPage(context, baseUrl, mockHost);
  const wire = ['/home/ana/Wire/AP-0412.txt', '/home/ana/Wire/新华社电讯.txt'];

  await checks.check('picker: a cancelled file picker imports nothing', async () => {
    await page.evaluate(() => window.__folioMock?.setDialogAnswer(null));
    await page.getByTestId('import-button').click();
    await page.getByRole('menuitem', { name: 'Import files…' }).click();
    await waitForMock(page, () => window.__folioMock?.dialogRequests.length === 1, 'a picker request');
    await page.waitForTimeout(200);
    expect((await mockValue(page, () => window.__folioMock?.calls.import_paths)) === undefined, 'import_paths was called');
    expect((await page.getByTestId('import-progress').count()) === 0, 'a progress panel shows');
  });

  await checks.check('picker: "Import files…" opens a multi-file picker and imports what it returns', async () => {
    await page.evaluate((paths) => window.__folioMock?.setDialogAnswer(paths), wire);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-files').click();
    await waitForMock(page, () => window.__folioMock?.importRequests.length === 1, 'an import request');
    const dialogs = await mockValue(page, () => window.__folioMock?.dialogRequests);
    expect(
      JSON.stringify(dialogs?.[1]) === JSON.stringify({ folders: false }),
      `the picker was opened with ${JSON.stringify(dialogs)}`,
    );
    const requests = await mockValue(page, () => window.__folioMock?.importRequests);
    expect(JSON.stringify(requests?.[0]?.paths) === JSON.stringify(wire), `import_paths got ${JSON.stringify(requests)}`);
    await page.getByTestId('import-progress').waitFor();
    await page.evaluate(() => window.__folioMock?.finishImport());
    await expectText(page, 'import-report-headline', 'Imported 2 items.');
    expect((await page.getByTestId('report-failed-list').count()) === 0, 'an empty Failed list shows');
  });

  await checks.check('picker: the menu works from the keyboard, and "Import folder…" picks folders', async () => {
    await page.evaluate(() => window.__folioMock?.setDialogAnswer(['/home/ana/Desktop/Kyiv assignment']));
    await page.getByTestId('import-button').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    const first = await page.evaluate(() => document.activeElement?.textContent);
    expect(first === 'Import files…', `the menu opened with focus on ${JSON.stringify(first)}`);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    const back = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(back === 'import-button', `Escape left focus on ${JSON.stringify(back)}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForMock(page, () => window.__folioMock?.importRequests.length === 2, 'a second import request');
    const dialog = await mockValue(page, () => window.__folioMock?.dialogRequests.at(-1));
    expect(
      JSON.stringify(dialog) === JSON.stringify({ folders: true }),
      `the folder picker was opened with ${JSON.stringify(dialog)}`,
    );
    await page.evaluate(() => window.__folioMock?.finishImport());
    await expectText(page, 'import-report-headline', 'Imported 2 items; 1 file could not be imported.');
  });

  await checks.check('picker: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function failedImport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openImportPage(context, baseUrl, mockHost);
  await checks.check('failure: a rejected import says why in plain words, with the detail', async () => {
    await page.evaluate(() =>
      window.__folioMock?.failNextImport({ code: 'io', message: 'disk full: /home/ana/Folio Archive/objects' }),
    );
    await emitFromPage(page, 'tauri://drag-drop', { paths: [ARTICLE], position: { x: 10, y: 10 } });
    const panel = page.getByTestId('import-error');
    await panel.waitFor();
    await expectText(page, 'import-error-summary', IO_SENTENCE);
    const text = (await panel.textContent()) ?? '';
    expect(text.includes('The import did not finish.'), `panel says "${text}"`);
    expect(text.includes('disk full: /home/ana/Folio Archive/objects'), `panel says "${text}"`);
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitFor({ state: 'detached' });
  });
  await checks.check('failure: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function automaticImport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=empty`, mockHost);
  await checks.check('dev mock: an import from the file picker runs by itself to its report', async () => {
    await waitReady(page);
    await waitDropReady(page);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-files').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-report').waitFor({ timeout: 10_000 });
    await expectText(page, 'import-report-headline', 'Imported 3 items; 1 file could not be imported.');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="item-row"]').length === 3);
  });
  await checks.check('dev mock: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function openedWithFolio(checks, context, baseUrl, mockHost) {
  const opened = [`${DESKTOP}/Сколково.jpg`, `${DESKTOP}/创新.txt`];
  const query = encodeURIComponent(opened.join('|'));
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=empty&opened=${query}`, mockHost);
  await checks.check('open with: files the app was started with are imported once, as if dropped', async () => {
    await waitReady(page);
    await page.getByTestId('import-report').waitFor({ timeout: 10_000 });
    const requests = await mockValue(page, () => window.__folioMock?.importRequests ?? []);
    expect(requests.length === 1, `expected one import, got ${JSON.stringify(requests)}`);
    expect(
      JSON.stringify(requests[0].paths) === JSON.stringify(opened),
      `imported ${JSON.stringify(requests[0].paths)}`,
    );
    const takes = await mockValue(page, () => window.__folioMock?.calls.take_opened_files ?? 0);
    expect(takes >= 1, 'take_opened_files was never called');
  });
  await checks.check('open with: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

const LINK = 'https://news.example.org/world/forum-opens';
// As in mock-fixtures.ts.
const LINK_NOT_FOUND = 'could not fetch the page: the server answered 404 Not Found';

/** Pastes `text` as Ctrl/Cmd+V does: a `paste` event on the focused element (or `selector`). */
function paste(page, text, selector = null) {
  return page.evaluate(
    ({ text, selector }) => {
      const target = (selector ? document.querySelector(selector) : document.activeElement) ?? document.body;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { text, selector },
  );
}

/** Drops a link as a browser drags one: an HTML5 drop carrying `text/uri-list`. */
function dropLink(page, link) {
  return page.evaluate((link) => {
    const data = new DataTransfer();
    data.setData('text/uri-list', `# dragged\r\n${link}`);
    data.setData('text/plain', link);
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    document.body.dispatchEvent(over);
    if (!over.defaultPrevented) throw new Error('the window does not accept the dragged link');
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, link);
}

const linkRequests = (page) => mockValue(page, () => window.__folioMock?.linkRequests ?? []);

async function linkImport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openImportPage(context, baseUrl, mockHost);

  await checks.check('links: text that is not only an address, or pasted into a text field, imports nothing', async () => {
    await paste(page, `Read ${LINK} today`);
    await page.getByTestId('search-input').focus();
    await paste(page, LINK);
    await page.getByTestId('search-input').blur();
    await paste(page, 'ftp://files.example.org/report.pdf');
    const requests = await linkRequests(page);
    expect(requests.length === 0, `import_links was called: ${JSON.stringify(requests)}`);
  });

  await checks.check('links: an address pasted outside a text field is fetched and imported', async () => {
    await paste(page, `${LINK}\n`);
    await waitForMock(page, () => window.__folioMock?.linkRequests.length === 1, 'an import_links call');
    const requests = await linkRequests(page);
    expect(JSON.stringify(requests[0]) === JSON.stringify([LINK]), `imported ${JSON.stringify(requests)}`);
    await page.getByTestId('import-progress').waitFor();
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
    await expectText(page, 'report-imported', '1');
    await page.getByTestId('item-row').first().waitFor();
    const titles = await rowTitles(page);
    expect(titles.includes('Forum opens'), `rows are ${JSON.stringify(titles)}`);
  });

  await checks.check('links: the inspector says when an article was captured from the web', async () => {
    await page.getByTestId('item-row').first().click();
    const captured = page.getByTestId('details-captured');
    await captured.waitFor();
    const text = (await captured.textContent()) ?? '';
    expect(/\d/.test(text), `the capture time reads "${text}"`);
  });

  await checks.check('links: Import → From a link… imports what is typed when Enter is pressed', async () => {
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-link').click();
    const dialog = page.getByTestId('link-dialog');
    await dialog.waitFor();
    const field = page.getByTestId('link-address');
    expect(await field.evaluate((input) => input === document.activeElement), 'the address field has no focus');
    await screenshot(page, 'import-link-dialog');
    await field.fill('forum in Moscow');
    await field.press('Enter');
    await page.getByTestId('link-invalid').waitFor();
    expect((await linkRequests(page)).length === 1, 'an invalid address was imported');
    await field.fill('news.example.org/missing');
    await field.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitForMock(page, () => window.__folioMock?.linkRequests.length === 2, 'a second import_links call');
    const requests = await linkRequests(page);
    expect(
      JSON.stringify(requests[1]) === JSON.stringify(['https://news.example.org/missing']),
      `imported ${JSON.stringify(requests)}`,
    );
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('report-failed-list').waitFor();
    const failed = await reportEntries(page, 'report-failed-list');
    const expected = [{ path: '…/missing', title: 'https://news.example.org/missing', reason: LINK_NOT_FOUND }];
    const shown = failed.map((entry) => ({ ...entry, path: entry.path?.endsWith('/missing') ? '…/missing' : entry.path }));
    expect(JSON.stringify(shown) === JSON.stringify(expected), `failed list is ${JSON.stringify(failed)}`);
    const folderNote = await page.locator('.import-report__folder').count();
    expect(folderNote === 0, 'the report says the address is in a folder');
  });

  await checks.check('links: a link dropped on the window as text/uri-list is imported', async () => {
    await page.getByTestId('import-report').getByRole('button', { name: 'Dismiss' }).click();
    await dropLink(page, 'https://news.example.org/culture/new-museum');
    await waitForMock(page, () => window.__folioMock?.linkRequests.length === 3, 'a third import_links call');
    const requests = await linkRequests(page);
    expect(
      JSON.stringify(requests[2]) === JSON.stringify(['https://news.example.org/culture/new-museum']),
      `imported ${JSON.stringify(requests)}`,
    );
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
  });

  await checks.check('links: a link that arrives as the path of an OS drop (Linux) is fetched', async () => {
    await page.getByTestId('import-report').getByRole('button', { name: 'Dismiss' }).click();
    const link = 'https://news.example.org/economy/budget';
    await emitFromPage(page, 'tauri://drag-drop', { paths: [link], position: { x: 10, y: 10 } });
    await waitForMock(page, () => window.__folioMock?.linkRequests.length === 4, 'a fourth import_links call');
    const requests = await linkRequests(page);
    expect(JSON.stringify(requests[3]) === JSON.stringify([link]), `imported ${JSON.stringify(requests)}`);
    const paths = await mockValue(page, () => window.__folioMock?.importRequests ?? []);
    expect(paths.length === 0, `import_paths was called with ${JSON.stringify(paths)}`);
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
  });

  await checks.check('links: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

async function templateImport(checks, context, baseUrl, mockHost) {
  await checks.check('template: without templates the Import menu offers none', async () => {
    const { page } = await openImportPage(context, baseUrl, mockHost);
    await page.getByTestId('import-button').click();
    await page.getByRole('menu').waitFor();
    await waitForMock(page, () => (window.__folioMock?.calls.list_templates ?? 0) > 0, 'a list_templates call');
    await page.waitForTimeout(100);
    expect((await page.getByTestId('import-template').count()) === 0, 'template entries show with no templates');
    await page.close();
  });

  const { page, problems } = await openImportPage(context, baseUrl, mockHost, '&templates=1');
  const entries = () => page.getByTestId('import-template');
  const checkedLabel = () =>
    page.locator('[data-testid="import-template"][aria-checked="true"]').allTextContents();

  await checks.check('template: the Import menu offers no template (checked) and each template in both modes', async () => {
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-templates').waitFor();
    const labels = await entries().allTextContents();
    // Each template's own mode first.
    const expected = [
      'No template',
      'Kyiv desk: fill empty fields',
      'Kyiv desk: replace fields',
      'Wire: replace fields',
      'Wire: fill empty fields',
    ];
    expect(JSON.stringify(labels) === JSON.stringify(expected), `the entries are ${JSON.stringify(labels)}`);
    const checked = await checkedLabel();
    expect(JSON.stringify(checked) === JSON.stringify(['No template']), `checked: ${JSON.stringify(checked)}`);
    const group = await page.getByRole('group', { name: 'Template for files and folders' }).count();
    expect(group === 1, 'the template entries are not a labelled group');
  });
  await screenshot(page, 'import-template');

  await checks.check('template: choosing one from the keyboard checks it and closes the menu', async () => {
    // Files, folder, link, no template, Kyiv desk (fill), Kyiv desk (replace).
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused === 'Kyiv desk: replace fields', `focus is on ${JSON.stringify(focused)}`);
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    const title = await page.getByTestId('import-button').getAttribute('title');
    expect(
      title === 'Files and folders get the template Kyiv desk: replace fields',
      `the Import button says ${JSON.stringify(title)}`,
    );
    await page.getByTestId('import-button').click();
    const checked = await checkedLabel();
    expect(JSON.stringify(checked) === JSON.stringify(['Kyiv desk: replace fields']), `checked: ${JSON.stringify(checked)}`);
    await page.keyboard.press('Escape');
  });

  await checks.check('template: "Import folder…" sends the chosen template and mode', async () => {
    await page.evaluate(() => window.__folioMock?.setDialogAnswer(['/home/ana/Desktop/Kyiv assignment']));
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-folder').click();
    await waitForMock(page, () => window.__folioMock?.importRequests.length === 1, 'an import request');
    const request = await mockValue(page, () => window.__folioMock?.importRequests[0]);
    expect(
      request?.template === 'Kyiv desk' && request.template_mode === 'replace',
      `import_paths got ${JSON.stringify(request)}`,
    );
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
  });

  await checks.check('template: a drop is imported with the same template', async () => {
    await emitFromPage(page, 'tauri://drag-enter', { paths: [ARTICLE], position: { x: 400, y: 300 } });
    await emitFromPage(page, 'tauri://drag-drop', { paths: [ARTICLE], position: { x: 400, y: 300 } });
    await waitForMock(page, () => window.__folioMock?.importRequests.length === 2, 'a second import request');
    const request = await mockValue(page, () => window.__folioMock?.importRequests[1]);
    expect(
      JSON.stringify(request) ===
        JSON.stringify({ paths: [ARTICLE], tags: [], collection: null, template: 'Kyiv desk', template_mode: 'replace' }),
      `import_paths got ${JSON.stringify(request)}`,
    );
    await page.evaluate(() => window.__folioMock?.finishImport());
    await page.getByTestId('import-report').waitFor();
  });

  await checks.check('template: "No template" imports without one', async () => {
    await page.getByTestId('import-button').click();
    await entries().first().click();
    await emitFromPage(page, 'tauri://drag-enter', { paths: [ARTICLE], position: { x: 400, y: 300 } });
    await emitFromPage(page, 'tauri://drag-drop', { paths: [ARTICLE], position: { x: 400, y: 300 } });
    await waitForMock(page, () => window.__folioMock?.importRequests.length === 3, 'a third import request');
    const request = await mockValue(page, () => window.__folioMock?.importRequests[2]);
    expect(request?.template === null && request.template_mode === null, `import_paths got ${JSON.stringify(request)}`);
  });

  await checks.check('template: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}

export async function importScenarios(checks, context, baseUrl, mockHost) {
  await dropImport(checks, context, baseUrl, mockHost);
  await cancelImport(checks, context, baseUrl, mockHost);
  await pickerImport(checks, context, baseUrl, mockHost);
  await failedImport(checks, context, baseUrl, mockHost);
  await automaticImport(checks, context, baseUrl, mockHost);
  await openedWithFolio(checks, context, baseUrl, mockHost);
  await linkImport(checks, context, baseUrl, mockHost);
  await templateImport(checks, context, baseUrl, mockHost);
}
