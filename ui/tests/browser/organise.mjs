// Browser tests of organising: multi-select, tagging many at once with autocomplete, collections
// by drag and drop (adding, reordering), the Trash (delete, restore, empty) and undo.
import { expect, expectText } from './harness.mjs';
import { drag, expectNoProblems, expectTitles, expectToast, openLibrary, row, titles, waitForCommand } from './workflow.mjs';


async function selectedIds(page) {
  return page.locator('[data-testid="item-row"][aria-selected="true"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.itemId)).sort((a, b) => a - b));
}

async function multiSelectAndTag(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const all = await titles(page);

  await checks.check('select: click, Shift+click and Ctrl+click select as in a file manager', async () => {
    await row(page, all[2]).click();
    await row(page, all[4]).click({ modifiers: ['Shift'] });
    await expectText(page, 'selection-count', '3 items selected');
    await row(page, all[7]).click({ modifiers: ['Control'] });
    await expectText(page, 'selection-count', '4 items selected');
    await row(page, all[3]).click({ modifiers: ['Control'] });
    await expectText(page, 'selection-count', '3 items selected');
    const selected = await page.locator('[data-testid="item-row"][aria-selected="true"] [data-testid="item-title"]').allTextContents();
    expect(JSON.stringify(selected) === JSON.stringify([all[2], all[4], all[7]]), `selected ${JSON.stringify(selected)}`);
  });

  await checks.check('tag many: the tag box suggests existing tags as you type and tags every selected item', async () => {
    const before = await selectedIds(page);
    const input = page.getByTestId('batch-tag-input');
    await input.fill('spr');
    const suggestions = await page.getByTestId('tag-suggestion').allTextContents();
    expect(suggestions[0] === 'Events/Spring Festival', `suggested ${JSON.stringify(suggestions)}`);
    expect(suggestions.includes('New tag “spr”'), `no new-tag choice in ${JSON.stringify(suggestions)}`);
    await input.press('ArrowDown');
    await input.press('Enter');
    const [request] = await waitForCommand(page, 'tag_items');
    expect(JSON.stringify(request.request) === JSON.stringify({ ids: before, add: ['Events/Spring Festival'], remove: [] }) ||
      JSON.stringify([...request.request.ids].sort((a, b) => a - b)) === JSON.stringify(before), `tag_items got ${JSON.stringify(request)}`);
    await expectToast(page, 'Tagged 3 items “Events/Spring Festival”.');
    for (const title of [all[2], all[4], all[7]]) {
      await page.waitForFunction(
        (name) =>
          [...document.querySelectorAll('[data-testid="item-row"]')]
            .find((r) => r.querySelector('[data-testid="item-title"]')?.textContent === name)
            ?.querySelector('[data-testid="item-tags"]')
            ?.textContent?.includes('Events/Spring Festival'),
        title,
      );
    }
  });

  await checks.check('tag many: a new tag is made from the typed text and joins the tag tree', async () => {
    await page.getByTestId('batch-tag-input').fill('Dossier/2024');
    await page.getByTestId('batch-tag-input').press('Enter');
    await waitForCommand(page, 'tag_items', 2);
    await page.getByTestId('tag-Dossier/2024').waitFor();
    await page.getByTestId('tag-Dossier/2024').click();
    await expectText(page, 'view-count', '3 items');
    // A parent lists its children's items too.
    await page.getByTestId('tag-Dossier').click();
    await expectText(page, 'view-count', '3 items');
  });

  await checks.check('tag many: a tag the selection shares comes off all of them at once', async () => {
    await page.getByTestId('view-all').click();
    await row(page, all[2]).click();
    await row(page, all[4]).click({ modifiers: ['Shift'] });
    const chip = page.getByTestId('batch-panel').getByTestId('tag-chip').filter({ hasText: 'Dossier/2024' });
    await chip.getByTestId('tag-remove').click();
    const requests = await waitForCommand(page, 'tag_items', 3);
    expect(JSON.stringify(requests.at(-1).request.remove) === '["Dossier/2024"]', `tag_items got ${JSON.stringify(requests.at(-1))}`);
  });

  await checks.check('select: Ctrl+A selects every item of the list', async () => {
    await page.getByTestId('item-list').focus();
    await page.keyboard.press('Control+a');
    await expectText(page, 'selection-count', '20 items selected');
    expect((await page.locator('[data-testid="item-row"][aria-selected="false"]').count()) === 0, 'a row is left unselected');
  });

  await checks.check('select and tag: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function collectionsByDrag(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('collections: dragging selected rows onto a collection adds them all', async () => {
    await row(page, 'Красная площадь вечером').click();
    await row(page, '春节庙会').click({ modifiers: ['Control'] });
    await drag(page, row(page, '春节庙会'), page.getByTestId('collection-3'));
    const [request] = await waitForCommand(page, 'add_to_collection');
    expect(request.id === 3 && JSON.stringify([...request.itemIds].sort((a, b) => a - b)) === '[13,15]', `add_to_collection got ${JSON.stringify(request)}`);
    await expectToast(page, 'Added 2 items to “Spring Festival”.');
    await page.waitForFunction(() => document.querySelector('[data-testid="collection-3"] .sidebar-item__count')?.textContent === '2');
    await page.getByTestId('collection-3').click();
    await expectTitles(page, ['Красная площадь вечером', '春节庙会'], 'the collection');
  });

  await checks.check('collections: an empty collection says how to fill it; "+" makes a new one', async () => {
    await page.getByTestId('collection-new').click();
    await page.getByTestId('collection-name-input').fill('Press kit');
    await page.getByTestId('collection-name-input').press('Enter');
    await page.getByRole('button', { name: 'Press kit', exact: true }).click();
    await expectText(page, 'view-empty', 'This collection is empty. Drag items from any list onto its name in the sidebar to add them.');
  });

  await checks.check('collections: a name already taken is refused with the reason, in place', async () => {
    await page.getByTestId('collection-new').click();
    await page.getByTestId('collection-name-input').fill('kyiv ASSIGNMENT');
    await page.getByTestId('collection-name-input').press('Enter');
    await expectText(page, 'name-input-error', 'There is already a collection called “kyiv ASSIGNMENT”.');
    await page.getByTestId('collection-name-input').press('Escape');
  });

  await checks.check('collections: dragging a row between others reorders the collection', async () => {
    await page.getByTestId('collection-1').click();
    const order = [
      '2nd China-Russia Innovation Dialogue held in Moscow',
      'Skolkovo Innovation Center, plenary session',
      'Signing of the joint declaration',
      '第二届中俄创新对话在莫斯科举行',
      'Второй российско-китайский диалог по инновациям прошёл в Москве',
    ];
    await expectTitles(page, order, 'the collection in its own order');
    await row(page, order[3]).click();
    await drag(page, row(page, order[3]), row(page, order[0]), { position: 'before' });
    const [request] = await waitForCommand(page, 'reorder_collection');
    expect(JSON.stringify(request) === JSON.stringify({ id: 1, itemIds: [2, 1, 11, 17, 3] }), `reorder_collection got ${JSON.stringify(request)}`);
    await expectTitles(page, [order[3], order[0], order[1], order[2], order[4]], 'the reordered collection');
    // And once more, downwards, past the end.
    await drag(page, row(page, order[3]), row(page, order[4]), { position: 'after' });
    const requests = await waitForCommand(page, 'reorder_collection', 2);
    expect(JSON.stringify(requests[1]) === JSON.stringify({ id: 1, itemIds: [1, 11, 17, 3, 2] }), `reorder_collection got ${JSON.stringify(requests[1])}`);
  });

  await checks.check('collections: sorting by a column leaves the own order, and rows no longer reorder', async () => {
    await page.getByTestId('sort-title').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="item-row"]')?.getAttribute('data-drop') === null);
    await page.getByTestId('sort-position').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="item-row"]')?.getAttribute('data-drop') === 'row:0');
  });

  await checks.check('collections: a collection can be renamed and deleted from its menu', async () => {
    await page.getByTestId('collection-menu-2').click();
    await page.getByTestId('collection-rename').click();
    await page.getByTestId('collection-name-input').fill('Kyiv, March 2024');
    await page.getByTestId('collection-name-input').press('Enter');
    const [rename] = await waitForCommand(page, 'rename_collection');
    expect(rename.id === 2 && rename.name === 'Kyiv, March 2024', `rename_collection got ${JSON.stringify(rename)}`);
    await page.getByTestId('collection-2').click();
    await expectText(page, 'view-title', 'Kyiv, March 2024');
    await page.getByTestId('collection-menu-2').click();
    await page.getByTestId('collection-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('collection-2').waitFor({ state: 'detached' });
    await expectText(page, 'view-title', 'All items');
  });

  await checks.check('collections: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function trashAndUndo(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);
  const victim = 'Laboratory visit, Novosibirsk';

  await checks.check('trash: the Delete key moves the selection to the Trash', async () => {
    await row(page, victim).click();
    await page.keyboard.press('Delete');
    const [request] = await waitForCommand(page, 'trash_items');
    expect(JSON.stringify(request) === '{"ids":[19]}', `trash_items got ${JSON.stringify(request)}`);
    await expectToast(page, 'Moved 1 item to the Trash.');
    await row(page, victim).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="view-trash"] .sidebar-item__count')?.textContent === '3');
  });

  await checks.check('trash: dropping rows on the Trash in the sidebar deletes them too', async () => {
    await drag(page, row(page, 'Delegation photo at the Great Hall'), page.getByTestId('view-trash'));
    const requests = await waitForCommand(page, 'trash_items', 2);
    expect(JSON.stringify(requests[1]) === '{"ids":[16]}', `trash_items got ${JSON.stringify(requests[1])}`);
    await page.getByTestId('toast-action').last().click();
    await waitForCommand(page, 'undo');
    await row(page, 'Delegation photo at the Great Hall').waitFor();
  });

  await checks.check('trash: the latest deletion is listed first; Restore brings a selected item back', async () => {
    await page.getByTestId('view-trash').click();
    await expectTitles(page, [victim, 'Blurry duplicate', 'Old draft: agenda'], 'the Trash');
    await row(page, victim).click();
    await page.getByTestId('trash-restore').click();
    const [request] = await waitForCommand(page, 'restore_items');
    expect(JSON.stringify(request) === '{"ids":[19]}', `restore_items got ${JSON.stringify(request)}`);
    await expectToast(page, 'Restored 1 item.');
    await expectTitles(page, ['Blurry duplicate', 'Old draft: agenda'], 'the Trash');
    await page.getByTestId('view-all').click();
    await row(page, victim).waitFor();
  });

  await checks.check('trash: emptying asks first, and Cancel keeps everything', async () => {
    await page.getByTestId('view-trash').click();
    await page.getByTestId('trash-empty').click();
    const dialog = page.getByTestId('empty-trash-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text.includes('Remove 2 items for good?') && text.includes('cannot be undone'), `the dialog says "${text}"`);
    await page.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await page.evaluate(() => window.__folioMock?.calls.empty_trash)) === undefined, 'empty_trash was called');
  });

  await checks.check('trash: confirming empties it, and the Trash says it is empty', async () => {
    await page.getByTestId('trash-empty').click();
    await page.getByTestId('confirm-ok').click();
    await waitForCommand(page, 'empty_trash');
    await expectToast(page, 'Removed 2 items for good.');
    await expectText(page, 'view-empty', 'The Trash is empty. Items you delete wait here until you empty it.');
    expect(await page.getByTestId('trash-empty').isDisabled(), 'Empty Trash is still enabled');
  });

  await checks.check('undo: Ctrl+Z undoes the last change and says what it undid', async () => {
    await page.getByTestId('view-all').click();
    await row(page, victim).click();
    const title = page.getByTestId('field-title');
    await title.fill('Laboratory visit');
    await title.press('Enter');
    await waitForCommand(page, 'update_item');
    await row(page, 'Laboratory visit').waitFor();
    await page.getByTestId('item-list').focus();
    await page.keyboard.press('Control+z');
    await waitForCommand(page, 'undo', 2);
    await expectToast(page, 'Undone: Edit the title of “Laboratory visit”.');
    await row(page, victim).waitFor();
    expect((await title.inputValue()) === victim, `the inspector shows "${await title.inputValue()}"`);
  });

  await checks.check('undo: Ctrl+Z in a text box undoes the typing, not the archive', async () => {
    const notes = page.getByTestId('field-notes');
    await notes.click();
    await page.keyboard.type('draft');
    await page.keyboard.press('Control+z');
    expect((await page.evaluate(() => window.__folioMock?.calls.undo)) === 2, 'undo was called from a text box');
    await notes.press('Escape');
  });

  await checks.check('undo: the notice after a delete has an Undo button that restores the item', async () => {
    await row(page, victim).click();
    await page.keyboard.press('Delete');
    await expectToast(page, 'Moved 1 item to the Trash.');
    await page.getByTestId('toast-action').last().click();
    await expectToast(page, 'Undone: Move 1 item to the Trash.');
    await row(page, victim).waitFor();
  });

  await checks.check('undo: with nothing left to undo it says so', async () => {
    await page.getByTestId('item-list').focus();
    for (let count = 0; count < 6; count += 1) await page.keyboard.press('Control+z');
    await expectToast(page, 'There is nothing to undo.');
  });

  await checks.check('trash and undo: no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function organiseScenarios(checks, context, baseUrl, mockHost) {
  await multiSelectAndTag(checks, context, baseUrl, mockHost);
  await collectionsByDrag(checks, context, baseUrl, mockHost);
  await trashAndUndo(checks, context, baseUrl, mockHost);
}
