// Browser tests of reading and editing one item: the inspector's fields, tags and collections;
// the article reader with its figures (link by picking or by dropping a photo row, unlink); the
// photo viewer's fit and zoom, caption editing and stepping.
import { expect, expectText } from './harness.mjs';
import { drag, expectNoProblems, expectToast, openLibrary, row, waitForCommand } from './workflow.mjs';

async function inspectorEdits(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('inspector: a selected photo shows its fields, and leaving a field saves it', async () => {
    await row(page, 'Крещатик утром').click();
    await page.getByTestId('item-details').waitFor();
    expect((await page.getByTestId('field-caption').inputValue()) === 'Крещатик утром в день выборов.', 'the caption is not shown');
    await page.getByTestId('field-credit').fill('Olena Kovalenko / Folio Press');
    await page.getByTestId('field-byline').click();
    const [request] = await waitForCommand(page, 'update_item');
    expect(JSON.stringify(request.request) === JSON.stringify({ id: 14, field: 'credit', value: 'Olena Kovalenko / Folio Press' }), `update_item got ${JSON.stringify(request)}`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="item-credit"]')].some((cell) => cell.textContent === 'Olena Kovalenko / Folio Press'),
    );
  });

  await checks.check('inspector: Enter saves a caption; Escape puts back what was typed', async () => {
    const caption = page.getByTestId('field-caption');
    await caption.fill('Khreshchatyk on election morning, Kyiv.');
    await caption.press('Enter');
    const requests = await waitForCommand(page, 'update_item', 2);
    expect(requests[1].request.field === 'caption' && requests[1].request.value === 'Khreshchatyk on election morning, Kyiv.', `update_item got ${JSON.stringify(requests[1])}`);
    await caption.fill('something else');
    await caption.press('Escape');
    expect((await caption.inputValue()) === 'Khreshchatyk on election morning, Kyiv.', `Escape left "${await caption.inputValue()}"`);
  });

  await checks.check('inspector: a date the host refuses stays in the field with the reason under it', async () => {
    const date = page.getByTestId('field-date');
    await date.fill('2024-13-05');
    await date.press('Enter');
    await page.getByTestId('field-date-error').waitFor();
    const reason = (await page.getByTestId('field-date-error').textContent()) ?? '';
    expect(reason.includes('Write it as 2018, 2018-11 or 2018-11-02'), `the reason says "${reason}"`);
    expect((await date.getAttribute('aria-invalid')) === 'true', 'the field is not marked invalid');
    await date.fill('2024-03');
    await date.press('Enter');
    await page.getByTestId('field-date-error').waitFor({ state: 'detached' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="item-date"]')].some((cell) => cell.textContent === 'Mar 2024'),
    );
  });

  await checks.check('inspector: a tag is added with autocomplete and removed from its chip', async () => {
    const input = page.getByTestId('tag-input');
    await input.fill('mini');
    await page.getByTestId('tag-suggestion').filter({ hasText: 'People/Minister' }).click();
    const [added] = await waitForCommand(page, 'tag_items');
    expect(JSON.stringify(added.request) === JSON.stringify({ ids: [14], add: ['People/Minister'], remove: [] }), `tag_items got ${JSON.stringify(added)}`);
    const chip = page.getByTestId('item-details').getByTestId('tag-chip').filter({ hasText: 'People/Minister' });
    await chip.waitFor();
    await chip.getByTestId('tag-remove').click();
    const requests = await waitForCommand(page, 'tag_items', 2);
    expect(JSON.stringify(requests[1].request.remove) === '["People/Minister"]', `tag_items got ${JSON.stringify(requests[1])}`);
    await chip.waitFor({ state: 'detached' });
  });

  await checks.check('inspector: collections are listed; one is added from the picker', async () => {
    const collections = page.getByTestId('item-collections');
    expect(((await collections.textContent()) ?? '').includes('Kyiv assignment'), 'the item’s collection is not listed');
    await page.getByTestId('details-add-collection').selectOption({ label: 'Spring Festival' });
    const [request] = await waitForCommand(page, 'add_to_collection');
    expect(JSON.stringify(request) === JSON.stringify({ id: 3, itemIds: [14] }), `add_to_collection got ${JSON.stringify(request)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="item-collections"]')?.textContent?.includes('Spring Festival'));
  });

  await checks.check('inspector: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function articleReader(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const reader = page.getByTestId('article-reader');
  const figures = reader.getByTestId('figure');

  await checks.check('reader: a double-click opens the article beside the list, its structure shown and nothing run', async () => {
    await row(page, '2nd China-Russia Innovation Dialogue held in Moscow').dblclick();
    await reader.waitFor();
    const body = reader.getByTestId('article-body');
    expect(((await body.locator('h2').textContent()) ?? '') === 'Dialogue in Moscow', 'the heading is missing');
    expect((await body.locator('p').count()) === 5, `${String(await body.locator('p').count())} paragraphs`);
    expect((await body.locator('script, img, a, iframe').count()) === 0, 'the body holds scripts, images or links');
    expect(((await body.textContent()) ?? '').includes('More at the ministry.'), 'the link text is lost');
    expect((await page.evaluate(() => window.__folioPwned)) === undefined, 'a script from the article ran');
    expect((await reader.evaluate((element) => element.contains(document.activeElement))), 'the reader does not have the focus');
  });

  await checks.check('reader: each figure shows its caption and credit, and its linked photo', async () => {
    expect((await figures.count()) === 2, `${String(await figures.count())} figures`);
    const first = figures.nth(0);
    expect(((await first.getByTestId('figure-caption').textContent()) ?? '').startsWith('The "Second China-Russia Innovation Dialogue"'), 'figure 1 caption');
    await expectText(page, 'figure-credit', 'photo/safea.gov.cn');
    expect(((await first.textContent()) ?? '').includes('No photo linked yet'), 'figure 1 does not say it has no photo');
    const photo = figures.nth(1).getByTestId('figure-photo');
    await photo.waitFor();
    expect((await photo.getAttribute('data-photo-id')) === '17', 'figure 2 does not show photo 17');
  });

  await checks.check('reader: a photo picked from the list of photos is linked to the figure', async () => {
    await figures.nth(0).getByTestId('figure-pick').click();
    await page.getByTestId('photo-picker').waitFor();
    await page.getByTestId('photo-picker-search').fill('plenary');
    const choice = page.locator('[data-testid="photo-choice"][data-item-id="11"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="photo-choice"]').length === 1);
    await choice.click();
    const [request] = await waitForCommand(page, 'link_figure');
    expect(request.photoId === 11 && typeof request.figureId === 'number', `link_figure got ${JSON.stringify(request)}`);
    await expectToast(page, 'Linked the photo to figure 1.');
    await page.waitForFunction(() => document.querySelector('[data-testid="figure"] [data-testid="figure-photo"]')?.getAttribute('data-photo-id') === '11');
  });

  await checks.check('reader: Unlink takes the photo off a figure', async () => {
    await figures.nth(1).getByTestId('figure-unlink').click();
    const requests = await waitForCommand(page, 'link_figure', 2);
    expect(requests[1].photoId === null, `link_figure got ${JSON.stringify(requests[1])}`);
    await figures.nth(1).getByTestId('figure-photo').waitFor({ state: 'detached' });
  });

  await checks.check('reader: dropping a photo row from the list onto a figure links it', async () => {
    await drag(page, row(page, 'Красная площадь вечером'), figures.nth(1));
    const requests = await waitForCommand(page, 'link_figure', 3);
    expect(requests[2].photoId === 13, `link_figure got ${JSON.stringify(requests[2])}`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="figure"]')[1]?.querySelector('[data-testid="figure-photo"]')?.getAttribute('data-photo-id') === '13',
    );
  });

  await checks.check('reader: an article row dropped on a figure is refused', async () => {
    await drag(page, row(page, 'Annual report on international cooperation'), figures.nth(1));
    await page.waitForTimeout(200);
    expect((await page.evaluate(() => window.__folioMock?.calls.link_figure)) === 3, 'an article was linked to a figure');
  });

  await checks.check('reader: Escape closes it and gives the focus back to the list', async () => {
    await reader.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'item-list'), 'the list does not have the focus');
  });

  await checks.check('reader: Enter on the keyboard opens the article under the cursor; Escape in the list closes it', async () => {
    await row(page, 'Annual report on international cooperation').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('article-reader').waitFor();
    await page.getByTestId('item-list').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('article-reader').waitFor({ state: 'detached' });
    expect((await page.locator('[data-testid="item-row"][aria-selected="true"]').count()) === 1, 'Escape also cleared the selection');
  });

  await checks.check('reader: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function photoViewer(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const viewer = page.getByTestId('photo-viewer');

  await checks.check('viewer: Enter opens a photo fitted to the window, from its 1024 px preview', async () => {
    await row(page, 'Zhang Jianguo speaks at the opening').click();
    await page.keyboard.press('Enter');
    await viewer.waitFor();
    expect((await viewer.getAttribute('data-zoom')) === 'fit', 'the photo is not fitted');
    const sha = await page.evaluate(() => window.__folioMock?.thumbnails.find((path) => path.endsWith('/1024')));
    expect(sha !== undefined, 'no 1024 px thumbnail was asked for');
    const image = page.getByTestId('viewer-image');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="viewer-image"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    const box = await image.boundingBox();
    const stage = await page.locator('.viewer__stage').boundingBox();
    expect(box && stage && box.height <= stage.height && box.width <= stage.width, 'the fitted photo overflows the stage');
  });

  await checks.check('viewer: zoom in, 100%, zoom out and back to fit, by button and by key', async () => {
    await page.getByTestId('viewer-zoom-in').click();
    expect((await viewer.getAttribute('data-zoom')) === '1.5', `zoom is ${await viewer.getAttribute('data-zoom')}`);
    await expectText(page, 'viewer-zoom', 'Zoom: 150%');
    await page.getByTestId('viewer-actual').click();
    const width = await page.getByTestId('viewer-image').evaluate((img) => img.getBoundingClientRect().width);
    // A portrait photo: its preview is 768 px wide at 100%.
    expect(Math.round(width) === 768, `at 100% the preview is ${String(width)} px wide`);
    await viewer.press('-');
    expect((await viewer.getAttribute('data-zoom')) === '0.75', `zoom is ${await viewer.getAttribute('data-zoom')}`);
    await viewer.press('0');
    expect((await viewer.getAttribute('data-zoom')) === 'fit', `zoom is ${await viewer.getAttribute('data-zoom')}`);
  });

  await checks.check('viewer: the caption, credit and byline are edited beside the photo', async () => {
    await page.getByTestId('viewer-byline').fill('Wang Fang, Xinhua');
    await page.getByTestId('viewer-byline').press('Enter');
    const [request] = await waitForCommand(page, 'update_item');
    expect(JSON.stringify(request.request) === JSON.stringify({ id: 12, field: 'byline', value: 'Wang Fang, Xinhua' }), `update_item got ${JSON.stringify(request)}`);
  });

  await checks.check('viewer: arrow keys step to the next and previous item', async () => {
    await viewer.focus();
    const before = await viewer.getAttribute('data-item-id');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((id) => document.querySelector('[data-testid="photo-viewer"]')?.getAttribute('data-item-id') !== id, before);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'photo-viewer');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((id) => document.querySelector('[data-testid="photo-viewer"]')?.getAttribute('data-item-id') === id, before);
  });

  await checks.check('viewer: Escape closes it', async () => {
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  await checks.check('viewer: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function inspectorScenarios(checks, context, baseUrl, mockHost) {
  await inspectorEdits(checks, context, baseUrl, mockHost);
  await articleReader(checks, context, baseUrl, mockHost);
  await photoViewer(checks, context, baseUrl, mockHost);
}
