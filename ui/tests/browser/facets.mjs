// Browser tests of the facets panel and the timeline: counts of what the list shows, a value
// clicked adds its filter to the search, and a stretch of the timeline narrows it to a period.
import { expect, expectText } from './harness.mjs';
import { commandsSent, expectNoProblems, openLibrary } from './workflow.mjs';

/** The count the facet value with this term shows, as a number. */
async function countOf(page, term) {
  const value = page.locator(`[data-testid="facet-value"][data-term='${term}']`);
  await value.waitFor();
  return Number(((await value.getByTestId('facet-count').textContent()) ?? '').replace(/\D/g, ''));
}

/** The number at the start of the view's count ("12 items", "3 results"). */
async function viewCount(page) {
  const text = (await page.getByTestId('view-count').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

/** Drags the mouse from the middle of one element to another's. */
async function drag(page, from, to) {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  expect(start !== null && end !== null, 'a bar to drag across is not shown');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function facetScenarios(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const input = page.getByTestId('search-input');
  const facets = page.getByTestId('facets');

  await checks.check('facets: beside All items, counts by kind add up to the items listed', async () => {
    await facets.getByTestId('facet-kinds').waitFor();
    const total = await viewCount(page);
    const articles = await countOf(page, 'kind:article');
    const photos = await countOf(page, 'kind:photo');
    expect(articles + photos === total && articles > 0 && photos > 0, `articles ${articles} + photos ${photos} ≠ ${total} items`);
    const sections = await facets.locator('section').evaluateAll((all) => all.map((section) => section.dataset.testid));
    for (const section of ['facet-kinds', 'facet-languages', 'facet-years', 'facet-credits', 'facet-tags']) {
      expect(sections.includes(section), `no ${section} among ${JSON.stringify(sections)}`);
    }
    const russian = facets.locator('[data-term="lang:ru"]');
    expect(((await russian.textContent()) ?? '').includes('Russian'), `lang:ru reads "${await russian.textContent()}"`);
  });

  await checks.check('facets: clicking a value adds its filter to the search and the count is what is found', async () => {
    const russian = await countOf(page, 'lang:ru');
    await facets.locator('[data-term="lang:ru"]').click();
    expect((await input.inputValue()) === 'lang:ru', `the query reads "${await input.inputValue()}"`);
    await expectText(page, 'view-count', `${String(russian)} results`);
    // The panel now counts the results: every one of them is in Russian.
    await page.waitForFunction(
      (count) => document.querySelector('[data-testid="facet-value"][data-term="lang:ru"] [data-testid="facet-count"]')?.textContent === String(count),
      russian,
    );
    const sent = await commandsSent(page, 'item_facets');
    expect(sent.at(-1)?.request.query === 'lang:ru', `facets asked for ${JSON.stringify(sent.at(-1))}`);
    const tag = facets.getByTestId('facet-tags').getByTestId('facet-value').first();
    const term = await tag.getAttribute('data-term');
    const tagged = Number(((await tag.getByTestId('facet-count').textContent()) ?? '').replace(/\D/g, ''));
    await tag.click();
    expect((await input.inputValue()) === `lang:ru ${term}`, `the query reads "${await input.inputValue()}"`);
    await expectText(page, 'view-count', `${String(tagged)} ${tagged === 1 ? 'result' : 'results'}`);
  });

  await checks.check('facets: in a view, a value narrows the view: its own filter comes first', async () => {
    await input.fill('');
    await page.getByTestId('view-photos').click();
    await expectText(page, 'view-title', 'Photos');
    await page.waitForFunction(() => !document.querySelector('[data-term="kind:article"]'));
    const credit = facets.getByTestId('facet-credits').getByTestId('facet-value').first();
    const term = await credit.getAttribute('data-term');
    await credit.click();
    expect((await input.inputValue()) === `kind:photo ${term}`, `the query reads "${await input.inputValue()}"`);
  });

  await checks.check('timeline: a year opens its months, and dragging across months filters by that period', async () => {
    await input.fill('lang:ru');
    await expectText(page, 'view-title', 'Search results');
    const timeline = page.getByTestId('timeline');
    const year = timeline.locator('[data-period="2018"]');
    await year.waitFor();
    const inYear = Number(/: (\d+)/.exec((await year.getAttribute('title')) ?? '')?.[1] ?? 'NaN');
    await year.click();
    const first = timeline.locator('[data-period="2018-10"]');
    await first.waitFor();
    await drag(page, first, timeline.locator('[data-period="2018-12"]'));
    expect((await input.inputValue()) === 'lang:ru date:2018-10..2018-12', `the query reads "${await input.inputValue()}"`);
    await expectText(page, 'view-count', `${String(inYear)} ${inYear === 1 ? 'result' : 'results'}`);
  });

  await checks.check('timeline: clicking one month keeps that month; the panel folds away and back', async () => {
    const timeline = page.getByTestId('timeline');
    await timeline.locator('[data-period="2018-10"]').click();
    expect((await input.inputValue()) === 'lang:ru date:2018-10', `the query reads "${await input.inputValue()}"`);
    await page.getByTestId('facets-toggle').click();
    await page.getByTestId('facet-kinds').waitFor({ state: 'detached' });
    await page.getByTestId('facets-toggle').click();
    await page.getByTestId('facet-kinds').waitFor();
  });

  await checks.check('facets: the counts follow a change the host reports (an item moved to the Trash)', async () => {
    await input.fill('');
    await page.getByTestId('view-all').click();
    await expectText(page, 'view-title', 'All items');
    await facets.getByTestId('facet-kinds').waitFor();
    const before = (await countOf(page, 'kind:article')) + (await countOf(page, 'kind:photo'));
    await page.getByTestId('item-row').first().click();
    await page.keyboard.press('Delete');
    await page.waitForFunction(
      (expected) => {
        const count = (term) =>
          Number(document.querySelector(`[data-testid="facet-value"][data-term="${term}"] [data-testid="facet-count"]`)?.textContent ?? 0);
        return count('kind:article') + count('kind:photo') === expected;
      },
      before - 1,
    );
  });

  await checks.check('facets: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}
