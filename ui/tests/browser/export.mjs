// Browser tests of exporting (a selection as PDF, a collection as ZIP, the current search, Cancel,
// a cancelled save picker, a failure) and of verifying the archive (clean and damaged). The mock
// host runs with `&jobs=manual`: a test steps each job with `stepJob` and ends it with `finishJob`.
import { expect, expectText, screenshot } from './harness.mjs';
import { expectNoProblems, openLibrary, row, titles, waitForCommand } from './workflow.mjs';

const DOCUMENTS = '/home/ana/Documents';
const DISK_FULL = 'The disk is full. Free some space and try again; nothing already in the archive was lost.';

async function openJobs(context, baseUrl, mockHost, extra = '') {
  const opened = await openLibrary(context, baseUrl, mockHost, `library&jobs=manual${extra}`);
  await opened.page.locator('[data-testid="app"][data-jobs-ready="true"]').waitFor();
  return opened;
}

function mock(page, read) {
  return page.evaluate(read);
}

function stepJob(page, count) {
  return page.evaluate((n) => window.__folioMock?.stepJob(n), count);
}

function finishJob(page) {
  return page.evaluate(() => window.__folioMock?.finishJob());
}

async function isChecked(page, testId) {
  return page.getByTestId(testId).isChecked();
}

/** The export request the mock saw last. */
async function lastExport(page, count = 1) {
  const requests = await waitForCommand(page, 'export_items', count);
  return requests.at(-1).request;
}

async function exportSelectionAsPdf(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost);
  const all = await titles(page);

  await checks.check('export: Ctrl+E with a selection offers the selection first, as a PDF titled "Folio dossier"', async () => {
    await row(page, all[1]).click();
    await row(page, all[3]).click({ modifiers: ['Shift'] });
    await expectText(page, 'selection-count', '3 items selected');
    await page.keyboard.press('Control+e');
    await page.getByTestId('export-dialog').waitFor();
    expect(await isChecked(page, 'export-scope-items'), 'the selection is not preselected');
    expect(((await page.getByTestId('export-scope-items').locator('..').textContent()) ?? '').includes('The 3 selected items'), 'the selection is not counted');
    expect(await isChecked(page, 'export-format-pdf'), 'PDF is not the default format');
    expect((await page.getByTestId('export-title').inputValue()) === 'Folio dossier', 'the title is not "Folio dossier"');
  });
  await screenshot(page, 'export-dialog');

  await checks.check('export: "Choose location…" asks where to save a .pdf, then exports the selected ids on Letter', async () => {
    const ids = await page.locator('[data-testid="item-row"][aria-selected="true"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.itemId)));
    await page.getByTestId('export-paper-letter').check();
    await page.getByTestId('export-choose').click();
    const request = await lastExport(page);
    const saves = await mock(page, () => window.__folioMock?.saveRequests);
    expect(
      JSON.stringify(saves) === JSON.stringify([{ defaultName: 'Folio dossier.pdf', format: 'pdf' }]),
      `the save picker got ${JSON.stringify(saves)}`,
    );
    expect(
      JSON.stringify({ ...request, scope: { ...request.scope, ids: [...request.scope.ids].sort((a, b) => a - b) } }) ===
        JSON.stringify({
          scope: { kind: 'items', ids: [...ids].sort((a, b) => a - b) },
          format: 'pdf',
          output: `${DOCUMENTS}/Folio dossier.pdf`,
          title: 'Folio dossier',
          paper: 'letter',
        }),
      `export_items got ${JSON.stringify(request)}`,
    );
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  });

  await checks.check('export: the progress panel counts items as the host reports them', async () => {
    await page.getByTestId('export-progress').waitFor();
    await expectText(page, 'export-files', '0 of 3 items');
    await stepJob(page, 2);
    await expectText(page, 'export-files', '2 of 3 items');
    await expectText(page, 'export-percent', '66%');
    expect(await page.getByTestId('export-button').isDisabled(), 'Export stays enabled during an export');
  });
  await screenshot(page, 'export-progress');

  await checks.check('export: the result names the file, its size and the items; "Show in folder" reveals it', async () => {
    await finishJob(page);
    await page.getByTestId('export-result').waitFor();
    await expectText(page, 'export-headline', 'Exported 3 items.');
    await expectText(page, 'export-file', 'Folio dossier.pdf');
    await expectText(page, 'export-size', '560 KB');
    await page.getByTestId('export-reveal').click();
    const [reveal] = await waitForCommand(page, 'reveal_path');
    expect(reveal.path === `${DOCUMENTS}/Folio dossier.pdf`, `reveal_path got ${JSON.stringify(reveal)}`);
    expect(!(await page.getByTestId('export-button').isDisabled()), 'Export stays disabled after the export');
  });
  await screenshot(page, 'export-result');

  await checks.check('export selection: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function exportCollectionAsZip(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost);

  await checks.check('export: in a collection the collection is offered, titled with its name; ZIP hides the paper', async () => {
    await page.getByTestId('collection-2').click();
    await page.getByTestId('view-count').filter({ hasText: /^3 items/ }).waitFor();
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-dialog').waitFor();
    expect(await isChecked(page, 'export-scope-collection'), 'the collection is not preselected');
    expect((await page.getByTestId('export-scope-items').count()) === 0, 'a selection is offered with nothing selected');
    expect((await page.getByTestId('export-title').inputValue()) === 'Kyiv assignment', 'the title is not the collection name');
    await page.getByTestId('export-format-zip').check();
    expect((await page.getByTestId('export-paper-a4').count()) === 0, 'the paper size shows for a ZIP');
  });

  await checks.check('export: a ZIP of the collection is saved as "<collection>.zip"', async () => {
    await page.getByTestId('export-choose').click();
    const request = await lastExport(page);
    const saves = await mock(page, () => window.__folioMock?.saveRequests);
    expect(saves?.[0]?.defaultName === 'Kyiv assignment.zip', `suggested ${JSON.stringify(saves)}`);
    expect(saves?.[0]?.format === 'zip', `format ${JSON.stringify(saves)}`);
    expect(JSON.stringify(request.scope) === JSON.stringify({ kind: 'collection', id: 2 }), `scope ${JSON.stringify(request.scope)}`);
    expect(request.format === 'zip' && request.title === 'Kyiv assignment', `export_items got ${JSON.stringify(request)}`);
    await finishJob(page);
    await expectText(page, 'export-headline', 'Exported 3 items.');
    await expectText(page, 'export-file', 'Kyiv assignment.zip');
    await expectText(page, 'export-size', '3.6 MB');
  });

  await checks.check('export: a failure is told in words from its code', async () => {
    await page.getByTestId('export-dismiss').click();
    await page.evaluate(() =>
      window.__folioMock?.failNext('export_items', { code: 'disk_full', message: 'No space left on device (os error 28)' }),
    );
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-choose').click();
    await page.getByTestId('export-error').waitFor();
    await expectText(page, 'export-error-summary', DISK_FULL);
  });

  await checks.check('export collection: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function cancelExport(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost);

  await checks.check('export: a cancelled save picker leaves the dialog open and exports nothing', async () => {
    await page.getByTestId('collection-1').click();
    await page.getByTestId('view-count').filter({ hasText: /^5 items/ }).waitFor();
    await page.evaluate(() => window.__folioMock?.setSaveAnswer(null));
    await page.keyboard.press('Control+e');
    await page.getByTestId('export-choose').click();
    await page.waitForFunction(() => window.__folioMock?.saveRequests.length === 1);
    await page.waitForFunction(() => document.querySelector('[data-testid="export-choose"]')?.disabled === false);
    expect(await page.getByTestId('export-dialog').isVisible(), 'the dialog closed');
    expect((await mock(page, () => window.__folioMock?.calls.export_items)) === undefined, 'export_items was called');
  });

  await checks.check('export: Cancel mid-way asks the host to stop; the result says nothing was saved', async () => {
    await page.evaluate(() => window.__folioMock?.setSaveAnswer(undefined));
    await page.getByTestId('export-choose').click();
    await page.getByTestId('export-progress').waitFor();
    await stepJob(page, 2);
    await expectText(page, 'export-files', '2 of 5 items');
    await page.getByTestId('export-cancel').click();
    await waitForCommand(page, 'cancel_export');
    await expectText(page, 'export-cancel', 'Cancelling…');
    await stepJob(page, 1);
    await page.getByTestId('export-result').waitFor();
    expect((await page.getByTestId('export-result').getAttribute('data-cancelled')) === 'true', 'the result is not marked cancelled');
    await expectText(page, 'export-headline', 'The export was cancelled; no file was saved.');
    expect((await page.getByTestId('export-reveal').count()) === 0, '"Show in folder" is offered for a cancelled export');
  });

  await checks.check('export cancel: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function exportSearch(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost);

  await checks.check('export: with a saved search open, the search is offered under its name and title', async () => {
    await page.getByTestId('saved-search-1').click();
    await page.getByTestId('view-count').filter({ hasText: 'result' }).waitFor();
    await page.getByTestId('export-button').click();
    expect(await isChecked(page, 'export-scope-query'), 'the search is not preselected');
    const label = (await page.getByTestId('export-scope-query').locator('..').textContent()) ?? '';
    expect(label.includes('The saved search “Kyiv photos”'), `the choice says "${label}"`);
    expect((await page.getByTestId('export-title').inputValue()) === 'Kyiv photos', 'the title is not the saved search name');
  });

  await checks.check('export: the current search is exported as its query, every result counted', async () => {
    const results = Number(((await page.getByTestId('view-count').textContent()) ?? '').replace(/\D/g, ''));
    await page.getByTestId('export-choose').click();
    const request = await lastExport(page);
    expect(JSON.stringify(request.scope) === JSON.stringify({ kind: 'query', query: 'kind:photo tag:"Places/Kyiv"' }), `scope ${JSON.stringify(request.scope)}`);
    await finishJob(page);
    await expectText(page, 'export-headline', `Exported ${String(results)} item${results === 1 ? '' : 's'}.`);
  });

  await checks.check('export: a typed search with a selection offers both, the selection first', async () => {
    await page.getByTestId('export-dismiss').click();
    const before = await page.getByTestId('view-count').textContent();
    await page.getByTestId('search-input').fill('kind:photo');
    await page.waitForFunction((text) => document.querySelector('[data-testid="view-count"]')?.textContent !== text, before);
    await page.getByTestId('item-row').first().click();
    await page.keyboard.press('Control+e');
    expect(await isChecked(page, 'export-scope-items'), 'the selection is not preselected');
    const label = (await page.getByTestId('export-scope-query').locator('..').textContent()) ?? '';
    expect(label.includes('The current search: kind:photo'), `the search choice says "${label}"`);
    expect((await page.getByTestId('export-title').inputValue()) === 'Folio dossier', 'an unsaved search is not "Folio dossier"');
    await page.getByTestId('export-scope-query').check();
    await page.getByTestId('export-choose').click();
    const request = await lastExport(page, 2);
    expect(JSON.stringify(request.scope) === JSON.stringify({ kind: 'query', query: 'kind:photo' }), `scope ${JSON.stringify(request.scope)}`);
    await finishJob(page);
  });

  await checks.check('export search: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function startVerify(page) {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-verify').click();
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('verify-progress').waitFor();
}

async function verifyClean(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost);

  await checks.check('verify: Settings → Verify archive shows progress, then says the archive is intact', async () => {
    const objects = Number(((await page.getByTestId('stat-objects').textContent()) ?? '').replace(/\D/g, ''));
    await startVerify(page);
    await expectText(page, 'verify-files', `0 of ${String(objects)} files`);
    await stepJob(page, 5);
    await expectText(page, 'verify-files', `5 of ${String(objects)} files`);
    expect((await page.getByTestId('verify-cancel').count()) === 0, 'verify offers a Cancel the host has no command for');
    await finishJob(page);
    await page.getByTestId('verify-result').waitFor();
    expect((await page.getByTestId('verify-result').getAttribute('data-intact')) === 'true', 'the result is not intact');
    await expectText(page, 'verify-headline', `The archive is intact: ${String(objects)} originals checked, the database is sound.`);
    expect((await page.getByTestId('verify-missing-list').count()) === 0, 'an intact archive lists missing files');
  });

  await checks.check('verify clean: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function verifyDamaged(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost, '&verify=damaged');

  await checks.check('verify: a damaged archive is counted and listed, with what to do', async () => {
    await startVerify(page);
    await finishJob(page);
    await page.getByTestId('verify-result').waitFor();
    await expectText(page, 'verify-headline', 'The archive is damaged.');
    await expectText(page, 'verify-missing', '2');
    await expectText(page, 'verify-corrupt', '1');
    await expectText(page, 'verify-orphans', '2');
    const count = (testId) => page.locator(`[data-testid="${testId}"] [data-testid="verify-entry"]`).count();
    expect((await count('verify-missing-list')) === 2, 'the missing list does not have 2 files');
    expect((await count('verify-corrupt-list')) === 1, 'the corrupt list does not have 1 file');
    expect((await count('verify-orphans-list')) === 2, 'the orphans list does not have 2 files');
    const used = (await page.getByTestId('verify-missing-list').textContent()) ?? '';
    expect(used.includes('Used by 1 item') && used.includes('Used by 2 items'), `the missing list says "${used}"`);
    const restore = (await page.getByTestId('verify-advice-restore').textContent()) ?? '';
    expect(restore.includes('from a backup'), `the advice says "${restore}"`);
    const orphans = (await page.getByTestId('verify-advice-orphans').textContent()) ?? '';
    expect(orphans.includes('folio verify --repair'), `the advice says "${orphans}"`);
  });
  await screenshot(page, 'verify-damaged');

  await checks.check('verify damaged: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function saveCopies(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openJobs(context, baseUrl, mockHost);
  const all = await titles(page);
  const selectedIds = () => page.locator('[data-testid="item-row"][aria-selected="true"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.itemId)));

  await checks.check('copies: "Save a copy…" waits for a selection, then asks the host to copy the selected ids', async () => {
    expect(await page.getByTestId('save-copy-button').isDisabled(), 'Save a copy is enabled with nothing selected');
    await row(page, all[0]).click();
    await row(page, all[2]).click({ modifiers: ['Shift'] });
    await expectText(page, 'selection-count', '3 items selected');
    const ids = await selectedIds();
    await page.getByTestId('save-copy-button').click();
    const [sent] = await waitForCommand(page, 'save_copies');
    expect(JSON.stringify(sent.ids) === JSON.stringify(ids), `save_copies got ${JSON.stringify(sent)}, selected ${JSON.stringify(ids)}`);
    await page.getByTestId('toast-text').filter({ hasText: 'Saved copies of 3 items in /home/ana/Pictures/Desk.' }).waitFor();
  });

  await checks.check('copies: File → Save a Copy… in the app menu copies what is selected now', async () => {
    await row(page, all[4]).click();
    const ids = await selectedIds();
    expect(ids.length === 1, `selected ${JSON.stringify(ids)}`);
    await page.evaluate(() => window.__folioMock?.chooseSaveCopyInMenu());
    const sent = await waitForCommand(page, 'save_copies', 2);
    expect(JSON.stringify(sent.at(-1).ids) === JSON.stringify(ids), `save_copies got ${JSON.stringify(sent.at(-1))}`);
    await page.getByTestId('toast-text').filter({ hasText: 'Saved a copy of 1 item in /home/ana/Pictures/Desk.' }).waitFor();
  });

  await checks.check('copies: rows dragged out of the window are handed to the host as a drag of their copies', async () => {
    await row(page, all[1]).click();
    await row(page, all[3]).click({ modifiers: ['Shift'] });
    const ids = await selectedIds();
    const from = await row(page, all[2]).boundingBox();
    if (!from) throw new Error('the row is not on screen');
    await page.mouse.move(from.x + from.width / 3, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 3 + 10, from.y + from.height / 2 + 10, { steps: 3 });
    await page.mouse.move(-20, from.y, { steps: 8 });
    const [sent] = await waitForCommand(page, 'drag_copies');
    await page.mouse.up();
    expect(JSON.stringify(sent.ids) === JSON.stringify(ids), `drag_copies got ${JSON.stringify(sent)}, selected ${JSON.stringify(ids)}`);
    expect((await page.getByTestId('drag-ghost').count()) === 0, 'the drag inside the window did not end');
  });

  await checks.check('copies: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function exportScenarios(checks, context, baseUrl, mockHost) {
  await saveCopies(checks, context, baseUrl, mockHost);
  await exportSelectionAsPdf(checks, context, baseUrl, mockHost);
  await exportCollectionAsZip(checks, context, baseUrl, mockHost);
  await cancelExport(checks, context, baseUrl, mockHost);
  await exportSearch(checks, context, baseUrl, mockHost);
  await verifyClean(checks, context, baseUrl, mockHost);
  await verifyDamaged(checks, context, baseUrl, mockHost);
}
