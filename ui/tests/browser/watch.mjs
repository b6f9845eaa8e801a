// Browser tests of Settings → Watch folders: adding a folder from the host's folder picker, its
// tags, collection, template and subfolder option kept by the host, removing it, the problems the host met
// shown in the panel (in Russian and Chinese too), and a watch folder's import reported like the
// window's own.
import { expect, expectText } from './harness.mjs';
import { expectNoProblems, openLibrary, waitForCommand } from './workflow.mjs';

const DROP = '/home/ana/Scans/Drop';

async function watchFolders(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const sent = async (count) => (await waitForCommand(page, 'set_watch_folders', count)).at(-1).folders;

  await checks.check('watch folders: none at first; Add folder… asks the host’s folder picker and keeps the folder', async () => {
    await page.getByTestId('settings-button').click();
    const panel = page.getByTestId('watch-folders');
    await panel.getByTestId('watch-none').waitFor();
    await page.evaluate((path) => {
      window.__folioMock?.setDialogAnswer([path]);
    }, DROP);
    await panel.getByTestId('watch-add').click();
    const folders = await sent(1);
    const dialogs = await page.evaluate(() => window.__folioMock?.dialogRequests ?? []);
    expect(dialogs.at(-1)?.folders === true, `the picker was asked ${JSON.stringify(dialogs)}`);
    expect(
      JSON.stringify(folders) === JSON.stringify([{ path: DROP, tags: [], collection: null, subfolder_tags: false, template: null }]),
      `set_watch_folders got ${JSON.stringify(folders)}`,
    );
    await panel.locator(`[data-testid="watch-folder"][data-path="${DROP}"]`).waitFor();
    expect((await panel.getByTestId('watch-none').count()) === 0, 'still says no folders are watched');
  });

  await checks.check('watch folders: tags, collection, template and the subfolder option are kept by the host', async () => {
    const folder = page.getByTestId('watch-folder').first();
    await folder.getByTestId('watch-tags').fill('Scans, Desk ,  ');
    await folder.getByTestId('watch-collection').click();
    let folders = await sent(2);
    expect(JSON.stringify(folders[0].tags) === '["Scans","Desk"]', `tags sent ${JSON.stringify(folders[0].tags)}`);
    await folder.getByTestId('watch-collection').fill('Morning scans');
    await folder.getByTestId('watch-template').click();
    folders = await sent(3);
    expect(folders[0].collection === 'Morning scans', `collection sent ${JSON.stringify(folders[0])}`);
    await folder.getByTestId('watch-template').fill('Agency pool');
    await folder.getByTestId('watch-subfolder-tags').focus();
    folders = await sent(4);
    expect(folders[0].template === 'Agency pool', `template sent ${JSON.stringify(folders[0])}`);
    await folder.getByTestId('watch-subfolder-tags').check();
    folders = await sent(5);
    expect(folders[0].subfolder_tags === true && folders[0].tags.length === 2, `sent ${JSON.stringify(folders[0])}`);
    // Reopened, the panel shows what the host kept.
    await page.getByTestId('settings-done').click();
    await page.getByTestId('settings-button').click();
    const again = page.getByTestId('watch-folder').first();
    await again.waitFor();
    expect((await again.getByTestId('watch-tags').inputValue()) === 'Scans, Desk', 'tags not shown again');
    expect((await again.getByTestId('watch-collection').inputValue()) === 'Morning scans', 'collection not shown again');
    expect((await again.getByTestId('watch-template').inputValue()) === 'Agency pool', 'template not shown again');
    expect(await again.getByTestId('watch-subfolder-tags').isChecked(), 'the subfolder option is not shown again');
  });

  await checks.check('watch folders: problems met while watching are shown, in the chosen language around them', async () => {
    await page.getByTestId('settings-done').click();
    await page.evaluate((path) => {
      window.__folioMock?.addWatchProblem(`cannot watch ${path}: No such file or directory`);
    }, DROP);
    await page.getByTestId('settings-button').click();
    const shown = page.getByTestId('watch-problems');
    await shown.waitFor();
    expect(((await shown.textContent()) ?? '').includes(`cannot watch ${DROP}`), 'the problem is not shown');
    await page.getByTestId('language-ru').check();
    await page.getByTestId('watch-folders').getByText('Папки наблюдения').waitFor();
    expect(((await page.getByTestId('watch-folders').textContent()) ?? '').includes('Проблемы при наблюдении'), 'not in Russian');
    await page.getByTestId('language-zh').check();
    await page.getByTestId('watch-folders').getByText('监视时出现的问题：').waitFor();
    await page.getByTestId('language-system').check();
  });

  await checks.check('watch folders: Remove stops watching the folder', async () => {
    await page.getByTestId('watch-folder').first().getByTestId('watch-remove').click();
    const folders = await sent(6);
    expect(folders.length === 0, `set_watch_folders got ${JSON.stringify(folders)}`);
    await page.getByTestId('watch-none').waitFor();
    await page.getByTestId('settings-done').click();
  });

  await checks.check('watch folders: a watch folder’s import shows its progress and its report, naming the folder', async () => {
    await page.evaluate((folder) => window.__folioMock?.emitWatchImport({ folder, report: null }), DROP);
    await page.getByTestId('import-progress').waitFor();
    const report = {
      imported: [{ id: 501, kind: 'photo', path: `${DROP}/scan-1.jpg`, title: 'scan-1.jpg' }],
      duplicates: [],
      skipped: [],
      failed: [{ path: `${DROP}/broken.jpg`, error: 'not a JPEG: the file is damaged' }],
      cancelled: false,
    };
    await page.evaluate(([folder, value]) => window.__folioMock?.emitWatchImport({ folder, report: value }), [DROP, report]);
    await page.getByTestId('import-report').waitFor();
    await expectText(page, 'import-watch-folder', `From the watch folder ${DROP}`);
    expect(((await page.getByTestId('import-report').textContent()) ?? '').includes('broken.jpg'), 'the failed file is not in the report');
    await page.getByTestId('import-report-dismiss').click();
  });

  await checks.check('watch folders: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function watchScenarios(checks, context, baseUrl, mockHost) {
  await watchFolders(checks, context, baseUrl, mockHost);
}
