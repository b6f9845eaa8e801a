// Browser tests of ratings and colour labels: Photo Mechanic's keys on the selection (0–5 stars,
// 6–9 red, yellow, green, blue; a label key again takes the label away; nothing while typing),
// the inspector's stars and swatches for one item and for several, the badge in rows and tiles,
// sorting by rating and searching by it.
import { expect } from './harness.mjs';
import { expectNoProblems, expectTitles, openLibrary, row, waitForCommand } from './workflow.mjs';

/** Waits until the row titled `title` shows this rating and label in its badge. */
async function expectBadge(page, title, rating, label) {
  const wanted = JSON.stringify([String(rating), label]);
  try {
    await page.waitForFunction(
      ([name, json]) => {
        const found = [...document.querySelectorAll('[data-testid="item-row"]')].find(
          (candidate) => candidate.querySelector('[data-testid="item-title"]')?.textContent === name,
        );
        if (!found) return false;
        const badge = found.querySelector('[data-testid="item-marks"]');
        const shown = badge ? [badge.getAttribute('data-rating'), badge.getAttribute('data-label')] : ['0', ''];
        return JSON.stringify(shown) === json;
      },
      [title, wanted],
      { timeout: 5_000 },
    );
  } catch {
    throw new Error(`the row “${title}” does not show ${wanted}`);
  }
}

async function keys(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('ratings: 0–5 rate the selected item and its row shows the stars', async () => {
    await row(page, 'Крещатик утром').click();
    await page.getByTestId('item-details').waitFor();
    await page.keyboard.press('4');
    const [rated] = await waitForCommand(page, 'rate_items');
    expect(JSON.stringify(rated.request) === JSON.stringify({ ids: [14], rating: 4 }), `rate_items got ${JSON.stringify(rated)}`);
    await expectBadge(page, 'Крещатик утром', 4, '');
    await page.waitForFunction(() => document.querySelector('[data-testid="details-rating"]')?.getAttribute('data-rating') === '4');
  });

  await checks.check('ratings: 6 gives red, 6 again takes it away', async () => {
    await page.keyboard.press('6');
    const [labelled] = await waitForCommand(page, 'label_items');
    expect(JSON.stringify(labelled.request) === JSON.stringify({ ids: [14], label: 'red' }), `label_items got ${JSON.stringify(labelled)}`);
    await expectBadge(page, 'Крещатик утром', 4, 'red');
    await page.keyboard.press('6');
    const requests = await waitForCommand(page, 'label_items', 2);
    expect(requests[1].request.label === null, `the second 6 sent ${JSON.stringify(requests[1])}`);
    await expectBadge(page, 'Крещатик утром', 4, '');
  });

  await checks.check('ratings: a digit typed into a field is text, not a rating', async () => {
    const before = (await waitForCommand(page, 'rate_items')).length;
    const notes = page.getByTestId('field-notes');
    await notes.click();
    await page.keyboard.type('5');
    await page.waitForTimeout(200);
    const after = (await waitForCommand(page, 'rate_items')).length;
    expect(after === before, `typing 5 into the notes rated the item (${String(after)} calls)`);
    expect((await notes.inputValue()).endsWith('5'), 'the 5 did not reach the field');
    await notes.press('Escape');
  });

  await checks.check('ratings: keys apply to every selected item; 9 gives both blue', async () => {
    await row(page, 'Красная площадь вечером').click();
    await row(page, 'Крещатик утром').click({ modifiers: ['Control'] });
    await page.getByTestId('batch-panel').waitFor();
    await page.keyboard.press('9');
    const requests = await waitForCommand(page, 'label_items', 3);
    const request = requests[2].request;
    expect(JSON.stringify([...request.ids].sort()) === '[13,14]' && request.label === 'blue', `label_items got ${JSON.stringify(request)}`);
    await expectBadge(page, 'Красная площадь вечером', 4, 'blue');
    await expectBadge(page, 'Крещатик утром', 4, 'blue');
    await page.waitForFunction(() => document.querySelector('[data-testid="batch-label"]')?.getAttribute('data-label') === 'blue');
  });

  await checks.check('ratings: the batch panel gives purple, which has no key, to all of them', async () => {
    await page.getByTestId('batch-panel').getByRole('button', { name: 'Purple' }).click();
    const requests = await waitForCommand(page, 'label_items', 4);
    expect(requests[3].request.label === 'purple' && requests[3].request.ids.length === 2, `label_items got ${JSON.stringify(requests[3])}`);
    await expectBadge(page, 'Крещатик утром', 4, 'purple');
  });

  await checks.check('ratings: Ctrl/Cmd+Z undoes the last mark', async () => {
    await page.keyboard.press('Control+z');
    await waitForCommand(page, 'undo');
    await expectBadge(page, 'Крещатик утром', 4, 'blue');
  });

  await checks.check('ratings: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function inspector(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('ratings: the inspector’s stars and swatches have names and set the mark', async () => {
    await row(page, 'Крещатик утром').click();
    const details = page.getByTestId('item-details');
    await details.waitFor();
    await details.getByRole('button', { name: '2 stars' }).click();
    const [rated] = await waitForCommand(page, 'rate_items');
    expect(JSON.stringify(rated.request) === JSON.stringify({ ids: [14], rating: 2 }), `rate_items got ${JSON.stringify(rated)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="details-rating"]')?.getAttribute('data-rating') === '2');
    expect((await details.getByRole('button', { name: '2 stars' }).getAttribute('aria-pressed')) === 'true', 'the second star is not pressed');
    await details.getByRole('button', { name: 'Yellow' }).click();
    const [labelled] = await waitForCommand(page, 'label_items');
    expect(JSON.stringify(labelled.request) === JSON.stringify({ ids: [14], label: 'yellow' }), `label_items got ${JSON.stringify(labelled)}`);
    await expectBadge(page, 'Крещатик утром', 2, 'yellow');
  });

  await checks.check('ratings: clicking the rating given takes it away', async () => {
    await page.getByTestId('item-details').getByRole('button', { name: '2 stars' }).click();
    const requests = await waitForCommand(page, 'rate_items', 2);
    expect(requests[1].request.rating === 0, `rate_items got ${JSON.stringify(requests[1])}`);
    await expectBadge(page, 'Крещатик утром', 0, 'yellow');
  });

  await checks.check('ratings: sorting by Rating puts the most stars first', async () => {
    await page.getByTestId('sort-rating').click();
    await page.waitForFunction(() =>
      window.__folioMock?.listRequests.some((request) => request.sort === 'rating' && request.descending === true),
    );
    const top = await page.getByTestId('item-row').evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
        .slice(0, 2)
        .map((item) => item.querySelector('[data-testid="item-title"]')?.textContent ?? ''),
    );
    expect(JSON.stringify(top) === JSON.stringify(['春节庙会', 'Красная площадь вечером']), `the first rows are ${JSON.stringify(top)}`);
  });

  await checks.check('ratings: the search finds by rating and label; a colour it does not know is explained', async () => {
    const search = page.getByRole('searchbox');
    await search.fill('rating:>=4 label:green');
    await expectTitles(page, ['Красная площадь вечером'], 'results of rating:>=4 label:green');
    await search.fill('label:pink');
    await page.getByTestId('search-error').filter({ hasText: 'a label is red, yellow, green, blue or purple' }).waitFor();
    await search.fill('');
  });

  await checks.check('ratings: a tile in the grid shows its stars', async () => {
    await page.getByTestId('view-mode-grid').click();
    const tile = page.getByTestId('item-cell').filter({ hasText: '春节庙会' });
    await tile.waitFor();
    expect((await tile.getByTestId('item-marks').getAttribute('data-rating')) === '5', 'the tile does not show 5 stars');
    await page.getByTestId('view-mode-list').click();
  });

  await checks.check('ratings: inspector scenario has no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function ratingsScenarios(checks, context, baseUrl, mockHost) {
  await keys(checks, context, baseUrl, mockHost);
  await inspector(checks, context, baseUrl, mockHost);
}
