// Browser tests of an item's history in the inspector: the "Last changed by" line and the list of
// changes after an edit, undone changes marked, and another team member's change named by the
// team role that sent it, without the window asking for it.
import { expect } from './harness.mjs';
import { expectNoProblems, openLibrary, row, waitForCommand } from './workflow.mjs';

const OLD_CAPTION = 'Крещатик утром в день выборов.';
const NEW_CAPTION = 'Khreshchatyk on election morning, Kyiv, seen from the roof of the central post office.';

async function ownChanges(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const details = page.getByTestId('item-details');

  await checks.check('history: an item never changed shows no history', async () => {
    await row(page, 'Крещатик утром').click();
    await details.waitFor();
    await waitForCommand(page, 'item_history');
    expect((await page.getByTestId('history-section').count()) === 0, 'an unchanged item shows a history');
  });

  await checks.check('history: after an edit, "Last changed by" names the author and the list shows old → new', async () => {
    const caption = page.getByTestId('field-caption');
    await caption.fill(NEW_CAPTION);
    await caption.press('Enter');
    await waitForCommand(page, 'update_item');
    const latest = page.getByTestId('history-latest');
    await latest.waitFor({ timeout: 5_000 });
    const line = (await latest.textContent()) ?? '';
    expect(line.startsWith('Last changed by ana, '), `the line says "${line}"`);
    const list = page.getByTestId('history-list');
    expect(!(await list.isVisible()), 'the list is open before it is asked for');
    await page.getByTestId('history').locator('summary').click();
    await list.waitFor();
    const entries = page.getByTestId('history-entry');
    expect((await entries.count()) === 1, `the list has ${String(await entries.count())} entries`);
    const text = (await entries.first().textContent()) ?? '';
    expect(text.startsWith('Caption'), `the entry names "${text}"`);
    expect(text.includes(`${OLD_CAPTION} → Khreshchatyk on election morning, Kyiv,…`), `the entry shows "${text}"`);
    expect(text.includes('ana, '), `the entry does not name the author: "${text}"`);
    const full = await entries.first().locator('.history__value').nth(1).getAttribute('title');
    expect(full === NEW_CAPTION, `the shortened value's tooltip is "${full}"`);
  });

  await checks.check('history: the newest change comes first, and an undone one is marked', async () => {
    const credit = page.getByTestId('field-credit');
    await credit.fill('Folio Press');
    await credit.press('Enter');
    await waitForCommand(page, 'update_item', 2);
    const entries = page.getByTestId('history-entry');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-entry"]').length === 2, undefined, { timeout: 5_000 });
    expect((await entries.first().getAttribute('data-field')) === 'credit', 'the newest change is not first');
    await page.getByTestId('item-list').focus();
    await page.keyboard.press('Control+z');
    await waitForCommand(page, 'undo');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="history-entry"]')?.getAttribute('data-undone') === 'true',
      undefined,
      { timeout: 5_000 },
    );
    const text = (await entries.first().textContent()) ?? '';
    expect(text.includes('undone'), `the undone entry says "${text}"`);
    expect((await entries.nth(1).getAttribute('data-undone')) === 'false', 'the caption edit is marked undone too');
  });

  await checks.check('history: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function teamChanges(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost, 'library&team=1');

  await checks.check('history: another member’s edit shows who sent it to the team, without the window asking', async () => {
    await row(page, 'Крещатик утром').click();
    await page.getByTestId('item-details').waitFor();
    await waitForCommand(page, 'item_history');
    await page.evaluate(() =>
      window.__folioMock?.remoteWrite('update_item', { request: { id: 14, field: 'byline', value: 'Boris Petrenko' } }),
    );
    const latest = page.getByTestId('history-latest');
    await latest.waitFor({ timeout: 5_000 });
    const line = (await latest.textContent()) ?? '';
    expect(line.startsWith('Last changed by desk_boris, '), `the line says "${line}"`);
    const written = await page.evaluate(() => window.__folioMock?.log.filter((entry) => entry.command === 'update_item').length ?? 0);
    expect(written === 0, 'the window wrote the change itself');
  });

  await checks.check('history (team): no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function historyScenarios(checks, context, baseUrl, mockHost) {
  await ownChanges(checks, context, baseUrl, mockHost);
  await teamChanges(checks, context, baseUrl, mockHost);
}
