// Browser tests of near-duplicates: the inspector's "Similar photos", and the Duplicates view with
// its threshold slider, the choice of the item to keep, Merge, and undo.
import { expect } from './harness.mjs';
import { expectNoProblems, expectToast, openLibrary, row, waitForCommand } from './workflow.mjs';

async function similarPhotos(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('similar: the inspector lists a photo’s copies, and an item without any says so', async () => {
    await row(page, 'Skolkovo Innovation Center, plenary session').click();
    const list = page.getByTestId('similar-list');
    await list.waitFor();
    const [request] = await waitForCommand(page, 'similar_items');
    expect(request.id === 11 && request.thresholds.photo_bits === 10, `similar_items got ${JSON.stringify(request)}`);
    const shown = await list.getByTestId('similar-item').allTextContents();
    expect(shown.length === 1 && shown[0].includes('Delegation photo at the Great Hall') && shown[0].includes('94 % alike'), `the list shows ${JSON.stringify(shown)}`);
    await row(page, 'Laboratory visit, Novosibirsk').click();
    await page.getByTestId('similar-none').waitFor();
  });

  await checks.check('duplicates: the view groups copies; the slider loosens the threshold', async () => {
    await page.getByTestId('view-duplicates').click();
    const dialog = page.getByTestId('duplicates-dialog');
    await dialog.waitFor();
    const groups = dialog.getByTestId('duplicates-group');
    await groups.first().waitFor();
    expect((await groups.count()) === 1, `${String(await groups.count())} groups at 10 bits`);
    expect((await groups.first().getByTestId('similar-item').count()) === 2, 'the group does not hold two photos');
    const slider = dialog.getByTestId('duplicates-threshold');
    await slider.focus();
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid="duplicates-threshold-value"]')?.textContent === '14 of 64 bits');
    const [, loose] = await waitForCommand(page, 'find_duplicates', 2).then((requests) => [requests[0], requests.at(-1)]);
    expect(loose.thresholds.photo_bits === 14, `find_duplicates got ${JSON.stringify(loose)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="duplicates-group"]')?.querySelectorAll('[data-testid="similar-item"]').length === 3);
  });

  await checks.check('duplicates: Merge keeps the photo picked, the rest go to the Trash, and undo brings them back', async () => {
    const dialog = page.getByTestId('duplicates-dialog');
    const group = dialog.getByTestId('duplicates-group').first();
    await group.locator('[data-testid="duplicates-keep"][data-item-id="16"]').check();
    await group.getByTestId('duplicates-merge').click();
    const [merge] = await waitForCommand(page, 'merge_items');
    const ids = [...merge.request.ids].sort((a, b) => a - b);
    expect(merge.request.keep === 16 && JSON.stringify(ids) === '[11,16,19]', `merge_items got ${JSON.stringify(merge)}`);
    await expectToast(page, 'Merged: 2 items moved to the Trash.');
    await dialog.getByTestId('duplicates-none').waitFor();
    await dialog.getByTestId('duplicates-close').click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'Skolkovo Innovation Center, plenary session').waitFor({ state: 'detached' });
    await page.getByTestId('item-list').focus();
    await page.keyboard.press('Control+z');
    await waitForCommand(page, 'undo');
    await expectToast(page, 'Undone: Merge 3 items');
    await row(page, 'Skolkovo Innovation Center, plenary session').waitFor();
  });

  await checks.check('similar: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function similarScenarios(checks, context, baseUrl, mockHost) {
  await similarPhotos(checks, context, baseUrl, mockHost);
}
