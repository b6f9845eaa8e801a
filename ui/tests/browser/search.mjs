// Browser tests of finding: search as you type with highlighted snippets, the filter chips that
// edit the query, a malformed query's message, and saving a search and running it again.
import { expect, expectText } from './harness.mjs';
import { commandsSent, expectNoProblems, expectTitles, openLibrary, titles, waitForCommand } from './workflow.mjs';

async function searchAsYouType(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const input = page.getByTestId('search-input');

  await checks.check('search: Ctrl+F puts the cursor in the search box', async () => {
    await page.getByTestId('view-title').click();
    await page.keyboard.press('Control+f');
    expect(await input.evaluate((element) => element === document.activeElement), 'the search box is not focused');
  });

  await checks.check('search: results follow the typing, after a pause, with the words marked', async () => {
    const before = (await commandsSent(page, 'search_items')).length;
    await page.keyboard.type('dialogue moscow', { delay: 20 });
    await expectText(page, 'view-title', 'Search results');
    await page.getByTestId('item-snippet').first().waitFor();
    const sent = (await commandsSent(page, 'search_items')).slice(before);
    // Debounced: one search for the words typed, not one per key.
    expect(sent.length <= 2, `${String(sent.length)} searches for one burst of typing`);
    expect(sent.at(-1)?.request.query === 'dialogue moscow', `searched for ${JSON.stringify(sent.at(-1))}`);
    const found = await titles(page);
    expect(found[0] === '2nd China-Russia Innovation Dialogue held in Moscow', `results start ${JSON.stringify(found)}`);
    const marks = await page.getByTestId('item-snippet').first().locator('mark').allTextContents();
    expect(marks.length > 0 && marks.every((mark) => /^(dialogue|moscow)/i.test(mark)), `marked ${JSON.stringify(marks)}`);
    await expectText(page, 'view-count', '2 results');
  });

  await checks.check('search: Chinese words match as written and are marked in the snippet', async () => {
    await input.fill('创新');
    await expectTitles(page, ['第二届中俄创新对话在莫斯科举行', '关于科技合作的新闻稿', '春节招待会向外国专家致意'], 'results for 创新');
    const marks = await page.getByTestId('item-snippet').first().locator('mark').allTextContents();
    expect(marks.includes('创新'), `marked ${JSON.stringify(marks)}`);
  });

  await checks.check('search: markup in archived text shows as text, never as HTML', async () => {
    await input.fill('partner');
    await expectTitles(page, ['Annual report on international cooperation'], 'results for partner');
    const snippet = page.getByTestId('item-snippet').first();
    const html = await snippet.innerHTML();
    expect((await snippet.textContent())?.includes('<b>(see the tables)</b>'), `snippet says ${await snippet.textContent()}`);
    expect(!html.includes('<b>'), `the snippet holds markup: ${html}`);
  });

  await checks.check('search: the kind chip writes kind:photo into the query and narrows the results', async () => {
    await input.fill('dialogue');
    await page.getByTestId('item-snippet').first().waitFor();
    await page.getByTestId('chip-kind').selectOption('photo');
    expect((await input.inputValue()) === 'dialogue kind:photo', `the query reads "${await input.inputValue()}"`);
    await expectTitles(page, ['Signing of the joint declaration', 'Skolkovo Innovation Center, plenary session'], 'photos about the dialogue');
  });

  await checks.check('search: language, tag and date chips add lang:, tag:"…" and date:, and "Any" takes a filter out', async () => {
    await input.fill('');
    await page.getByTestId('chip-lang').selectOption('ru');
    expect((await input.inputValue()) === 'lang:ru', `the query reads "${await input.inputValue()}"`);
    await page.getByTestId('chip-tag').selectOption('Places/Moscow');
    expect((await input.inputValue()) === 'lang:ru tag:"Places/Moscow"', `the query reads "${await input.inputValue()}"`);
    await page.getByTestId('chip-date').fill('2018');
    await page.getByTestId('chip-date').press('Enter');
    expect((await input.inputValue()) === 'lang:ru tag:"Places/Moscow" date:2018', `the query reads "${await input.inputValue()}"`);
    await expectTitles(page, ['Красная площадь вечером', 'Второй российско-китайский диалог по инновациям прошёл в Москве'], 'Russian Moscow items of 2018');
    await page.getByTestId('chip-lang').selectOption('');
    expect((await input.inputValue()) === 'tag:"Places/Moscow" date:2018', `the query reads "${await input.inputValue()}"`);
    // The chips read the query back: typed filters show in them too.
    await input.fill('kind:article lang:zh');
    expect((await page.getByTestId('chip-kind').inputValue()) === 'article', 'the kind chip does not show kind:article');
    expect((await page.getByTestId('chip-lang').inputValue()) === 'zh', 'the language chip does not show lang:zh');
  });

  await checks.check('search: a malformed query says what is wrong under the box, in words', async () => {
    await input.fill('tag:"Places');
    await page.getByTestId('search-error').waitFor();
    const message = (await page.getByTestId('search-error').textContent()) ?? '';
    expect(message.startsWith('This search can’t run:') && message.includes('never closed'), `the message says "${message}"`);
    expect((await input.getAttribute('aria-invalid')) === 'true', 'the box is not marked invalid');
    await expectText(page, 'view-empty', 'Fix the search above to see results.');
    await input.fill('colour:red');
    await page.waitForFunction(() => document.querySelector('[data-testid="search-error"]')?.textContent?.includes('"colour:" is not something Folio can search by'));
    await input.fill('moscow');
    await page.getByTestId('search-error').waitFor({ state: 'detached' });
  });

  await checks.check('search: nothing found says so, and Escape clears the search back to the list', async () => {
    await input.fill('xylophone');
    await expectText(page, 'view-empty', 'Nothing matches “xylophone”. Check the spelling, or remove a filter.');
    await input.press('Escape');
    expect((await input.inputValue()) === '', 'Escape left the text');
    await expectText(page, 'view-title', 'All items');
    await page.getByTestId('item-row').first().waitFor();
  });

  await checks.check('search: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function savedSearch(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const input = page.getByTestId('search-input');

  await checks.check('saved search: "Save search…" names the query and lists it in the sidebar', async () => {
    await input.fill('kind:photo lang:ru');
    await expectText(page, 'view-count', '3 results');
    await page.getByTestId('search-save').click();
    await page.getByTestId('save-search-dialog').waitFor();
    await page.getByTestId('save-search-name').fill('Russian photos');
    await page.getByTestId('save-search-confirm').click();
    const [saved] = await waitForCommand(page, 'save_search');
    expect(saved.name === 'Russian photos' && saved.query === 'kind:photo lang:ru', `save_search got ${JSON.stringify(saved)}`);
    await page.getByRole('button', { name: 'Russian photos', exact: true }).waitFor();
  });

  await checks.check('saved search: opening it runs its query again', async () => {
    await page.getByTestId('view-all').click();
    await expectText(page, 'view-title', 'All items');
    await page.getByRole('button', { name: 'Russian photos', exact: true }).click();
    expect((await input.inputValue()) === 'kind:photo lang:ru', `the box reads "${await input.inputValue()}"`);
    await expectText(page, 'view-count', '3 results');
    expect((await page.getByRole('button', { name: 'Russian photos', exact: true }).getAttribute('aria-current')) === 'page', 'the saved search is not marked current');
  });

  await checks.check('saved search: the fixture search runs too, and one can be deleted', async () => {
    await page.getByRole('button', { name: 'Kyiv photos', exact: true }).click();
    await expectTitles(page, ['Майдан Незалежності', 'Крещатик утром'], 'Kyiv photos');
    await page.getByTestId('saved-search-delete-1').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByRole('button', { name: 'Kyiv photos', exact: true }).waitFor({ state: 'detached' });
  });

  await checks.check('saved search: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function searchScenarios(checks, context, baseUrl, mockHost) {
  await searchAsYouType(checks, context, baseUrl, mockHost);
  await savedSearch(checks, context, baseUrl, mockHost);
}
