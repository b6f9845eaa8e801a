// Helpers for the workflow scenarios: open the mock library, find rows, drag with the mouse,
// read what the mock host was asked.
import { expect, openPage, waitReady } from './harness.mjs';

/** Opens the app on a mock scenario (`library` by default) and waits for the first rows. */
export async function openLibrary(context, baseUrl, mockHost, scenario = 'library') {
  const opened = await openPage(context, `${baseUrl}/?mock=${scenario}`, mockHost);
  await waitReady(opened.page);
  await opened.page.getByTestId('item-row').first().waitFor();
  return opened;
}

/** The titles of the rows in the DOM, top to bottom. */
export function titles(page) {
  return page.getByTestId('item-row').evaluateAll((rows) =>
    rows
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => row.querySelector('[data-testid="item-title"]')?.textContent ?? ''),
  );
}

/** The row whose title is exactly `title`. */
export function row(page, title) {
  return page.getByTestId('item-row').filter({ has: page.getByTestId('item-title').getByText(title, { exact: true }) });
}

/** Waits until the rows' titles are `expected` (in order); the error shows what they were. */
export async function expectTitles(page, expected, what = 'rows') {
  const want = JSON.stringify(expected);
  try {
    await page.waitForFunction(
      (json) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-testid="item-row"]')]
            .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
            .map((row) => row.querySelector('[data-testid="item-title"]')?.textContent ?? ''),
        ) === json,
      want,
      { timeout: 5_000 },
    );
  } catch {
    throw new Error(`${what} are ${JSON.stringify(await titles(page))}, not ${want}`);
  }
}

/** Calls of a host command the mock saw, with their arguments. */
export function commandsSent(page, command) {
  return page.evaluate((name) => window.__folioMock?.log.filter((entry) => entry.command === name).map((entry) => entry.args), command);
}

/** Waits for the mock to have seen `count` calls of `command`; returns their arguments. */
export async function waitForCommand(page, command, count = 1) {
  try {
    await page.waitForFunction(
      ([name, n]) => (window.__folioMock?.log.filter((entry) => entry.command === name).length ?? 0) >= n,
      [command, count],
      { timeout: 5_000 },
    );
  } catch {
    throw new Error(`the mock host never saw ${String(count)} × ${command}`);
  }
  return commandsSent(page, command);
}

/** Drags `source` onto `target` with the mouse, in steps, as a person would. */
export async function drag(page, source, target, { position } = {}) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('a drag end is not on screen');
  const toY = position === 'before' ? to.y + 4 : position === 'after' ? to.y + to.height - 4 : to.y + to.height / 2;
  await page.mouse.move(from.x + from.width / 3, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 3 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, toY, { steps: 8 });
  await page.mouse.up();
}

/** Waits for a notice whose text includes `text`. */
export async function expectToast(page, text) {
  try {
    await page.getByTestId('toast-text').filter({ hasText: text }).first().waitFor({ timeout: 5_000 });
  } catch {
    const shown = await page.getByTestId('toast-text').allTextContents();
    throw new Error(`no notice says "${text}"; notices: ${JSON.stringify(shown)}`);
  }
}

/** Fails with the page's problems (console errors, failed requests), if any. */
export function expectNoProblems(problems) {
  expect(problems.length === 0, problems.join('; '));
}
