// Browser tests of comfort: light and dark themes, the UI in English, Chinese and Russian (by the
// system or by choice, errors included), keyboard navigation with visible focus, empty states.
import { expect, expectText, openPage, waitReady } from './harness.mjs';
import { expectNoProblems, expectTitles, openLibrary, titles } from './workflow.mjs';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK = 'rgb(30, 30, 32)';
const LIGHT = 'rgb(255, 255, 255)';

async function themes(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('theme: follows the system until a choice is made', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    expect((await background(page)) === DARK, `dark system, background ${await background(page)}`);
    await page.emulateMedia({ colorScheme: 'light' });
    expect((await background(page)) === LIGHT, `light system, background ${await background(page)}`);
  });

  await checks.check('theme: Settings switches to dark or light whatever the system says, and remembers it', async () => {
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-dialog').waitFor();
    await page.getByTestId('theme-dark').check();
    expect((await background(page)) === DARK, `chose dark, background ${await background(page)}`);
    await page.getByTestId('settings-done').click();
    await page.reload();
    await waitReady(page);
    expect((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', 'the choice was forgotten');
    expect((await background(page)) === DARK, `after reload, background ${await background(page)}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('settings-button').click();
    await page.getByTestId('theme-light').check();
    expect((await background(page)) === LIGHT, `chose light on a dark system, background ${await background(page)}`);
    await page.getByTestId('theme-system').check();
    expect((await background(page)) === DARK, `back to the dark system, background ${await background(page)}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await checks.check('language: Settings switches the whole window to Russian, then Chinese, then back', async () => {
    await page.getByTestId('settings-button').click();
    await page.getByTestId('language-ru').check();
    await expectText(page, 'view-all', 'Все материалы20');
    await expectText(page, 'view-title', 'Все материалы');
    await expectText(page, 'view-count', '20 материалов');
    expect((await page.evaluate(() => document.documentElement.lang)) === 'ru', 'html lang is not ru');
    expect(((await page.getByTestId('settings-dialog').textContent()) ?? '').includes('Оформление'), 'the dialog is not in Russian');
    await page.getByTestId('language-zh').check();
    await expectText(page, 'view-title', '全部资料');
    await expectText(page, 'view-count', '20 项');
    expect((await page.evaluate(() => document.documentElement.lang)) === 'zh-Hans', 'html lang is not zh-Hans');
    const date = await page.getByTestId('item-date').first().textContent();
    expect(date === '2024年3月6日', `a date reads ${String(date)}`);
    await page.getByTestId('language-system').check();
    await expectText(page, 'view-title', 'All items');
    await page.getByTestId('settings-done').click();
  });

  await checks.check('theme and language: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function systemLanguage(checks, context, baseUrl, mockHost) {
  const chinese = () => {
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['zh-CN', 'en-US'] });
    localStorage.removeItem('folio.settings');
  };
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=library`, mockHost, chinese);
  await checks.check('language: a Chinese system gets the UI in Chinese', async () => {
    await waitReady(page);
    await expectText(page, 'view-title', '全部资料');
    expect(((await page.locator('nav').textContent()) ?? '').includes('合集'), 'the sidebar is not in Chinese');
  });
  await page.close();

  const russian = () => {
    localStorage.setItem('folio.settings', JSON.stringify({ language: 'ru' }));
  };
  const inUse = await openPage(context, `${baseUrl}/?mock=in-use`, mockHost, russian);
  await checks.check('language: errors are told in the chosen language, from their code', async () => {
    await waitReady(inUse.page);
    await expectText(inUse.page, 'error-summary', 'Этот архив открыт в другом окне или команде Folio. Закройте его и попробуйте снова.');
    const detail = (await inUse.page.getByTestId('error-detail').textContent()) ?? '';
    expect(detail.startsWith('Подробности: another process holds the archive lock'), `detail says "${detail}"`);
  });
  await checks.check('language: no console errors, page errors or failed requests', () => {
    expectNoProblems([...problems, ...inUse.problems]);
  });
  await inUse.page.evaluate(() => localStorage.removeItem('folio.settings'));
  await inUse.page.close();
}

async function keyboard(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const list = page.getByTestId('item-list');
  const selected = () => page.locator('[data-testid="item-row"][aria-selected="true"] [data-testid="item-title"]').allTextContents();
  const all = await titles(page);

  await checks.check('keyboard: Tab reaches the list, and the row under the cursor has a visible ring', async () => {
    await page.getByTestId('search-input').focus();
    // Search, view toggle (two), Import, then the filter chips, then the list's column headers.
    for (let step = 0; step < 30; step += 1) {
      await page.keyboard.press('Tab');
      if (await list.evaluate((element) => element === document.activeElement)) break;
    }
    expect(await list.evaluate((element) => element === document.activeElement), 'Tab never reached the list');
    await page.keyboard.press('ArrowDown');
    const ring = await page.locator('.item-list__row.is-cursor').evaluate((row) => {
      const style = getComputedStyle(row);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring.style !== 'none' && ring.width !== '0px', `the cursor row has no ring: ${JSON.stringify(ring)}`);
    expect(JSON.stringify(await selected()) === JSON.stringify([all[0]]), `selected ${JSON.stringify(await selected())}`);
  });

  await checks.check('keyboard: arrows move the selection, Shift+arrows extend it, Home and End jump', async () => {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(JSON.stringify(await selected()) === JSON.stringify([all[2]]), `selected ${JSON.stringify(await selected())}`);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="item-row"][aria-selected="true"]').length === 3);
    expect(JSON.stringify(await selected()) === JSON.stringify(all.slice(2, 5)), `selected ${JSON.stringify(await selected())}`);
    await page.keyboard.press('End');
    expect(JSON.stringify(await selected()) === JSON.stringify([all.at(-1)]), `selected ${JSON.stringify(await selected())}`);
    await page.keyboard.press('Home');
    expect(JSON.stringify(await selected()) === JSON.stringify([all[0]]), `selected ${JSON.stringify(await selected())}`);
    expect((await list.getAttribute('aria-activedescendant')) !== null, 'the list names no active row');
  });

  await checks.check('keyboard: Ctrl+arrows move the cursor alone and Ctrl+Space adds its row', async () => {
    await page.keyboard.press('Control+ArrowDown');
    await page.keyboard.press('Control+ArrowDown');
    await page.keyboard.press('Control+Space');
    expect(JSON.stringify(await selected()) === JSON.stringify([all[0], all[2]]), `selected ${JSON.stringify(await selected())}`);
    await page.keyboard.press('Escape');
    expect((await selected()).length === 0, 'Escape left a selection');
  });

  await checks.check('keyboard: in the grid, left and right move by one, up and down by a row of cells', async () => {
    await page.getByTestId('view-mode-grid').click();
    const grid = page.getByTestId('item-grid');
    await grid.waitFor();
    await grid.focus();
    const cursorIndex = () => page.locator('.grid-cell.is-cursor').getAttribute('data-index');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect((await cursorIndex()) === '1', `cursor on ${String(await cursorIndex())}`);
    // Cells on the first line of the grid.
    const columns = await page
      .locator('.grid-cell')
      .evaluateAll((cells) => cells.filter((cell) => cell.getBoundingClientRect().top === cells[0]?.getBoundingClientRect().top).length);
    await page.keyboard.press('ArrowDown');
    expect((await cursorIndex()) === String(1 + columns), `cursor on ${String(await cursorIndex())} with ${String(columns)} columns`);
    await page.keyboard.press('ArrowLeft');
    expect((await cursorIndex()) === String(columns), `cursor on ${String(await cursorIndex())}`);
    const images = await page.locator('.grid-cell img').count();
    expect(images === 10, `${String(images)} thumbnails for 10 photos`);
    await page.getByTestId('view-mode-list').click();
  });

  await checks.check('keyboard: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function emptyStates(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  await checks.check('views: Untagged and Recently imported list what they say', async () => {
    await page.getByTestId('view-untagged').click();
    await expectTitles(page, ['Delegation photo at the Great Hall', '关于科技合作的新闻稿', 'Annual report on international cooperation'], 'Untagged');
    await page.getByTestId('view-recent').click();
    await expectTitles(page, ['Майдан Незалежності', 'Крещатик утром', 'Kyiv: street interviews on the election'], 'Recently imported');
  });
  await checks.check('views: a tag lists its own items and those of the tags under it', async () => {
    await page.getByTestId('tag-Places').click();
    await expectText(page, 'view-count', '9 items');
    await page.getByTestId('tag-toggle-Places').click();
    await page.getByTestId('tag-Places/Moscow').waitFor({ state: 'detached' });
  });
  await checks.check('views: sorting by a column orders the list, and again reverses it', async () => {
    await page.getByTestId('view-photos').click();
    await page.getByTestId('sort-title').click();
    const ascending = await titles(page);
    expect(ascending[0] === 'Delegation photo at the Great Hall', `A to Z starts ${JSON.stringify(ascending.slice(0, 2))}`);
    await page.getByTestId('sort-title').click();
    await page.waitForFunction((first) => document.querySelector('[data-testid="item-row"] [data-testid="item-title"]')?.textContent !== first, ascending[0]);
    const sent = await page.evaluate(() => window.__folioMock?.listRequests.at(-1));
    expect(sent?.sort === 'title' && sent.descending, `list_items got ${JSON.stringify(sent)}`);
  });
  await checks.check('views: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function comfortScenarios(checks, context, baseUrl, mockHost) {
  await themes(checks, context, baseUrl, mockHost);
  await systemLanguage(checks, context, baseUrl, mockHost);
  await keyboard(checks, context, baseUrl, mockHost);
  await emptyStates(checks, context, baseUrl, mockHost);
}
