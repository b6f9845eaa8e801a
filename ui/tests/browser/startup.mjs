// Browser tests of how the window starts: it asks for the stats and the first page of rows at
// once, and for the rest of its data once those rows have come. The mock host answers after a
// delay, as a real one does, so that what is asked before an answer shows.
import { expect, openPage, waitReady } from './harness.mjs';

/** What the window asks for around its rows, which waits for them. */
const AFTER_THE_ROWS = ['list_tags', 'list_collections', 'list_saved_searches', 'list_templates', 'team_status', 'item_facets'];

export async function startupScenarios(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openPage(context, `${baseUrl}/?mock=library&latency=40`, mockHost);
  const sequence = () => page.evaluate(() => window.__folioMock.sequence);

  await checks.check('startup: the first page of rows is asked for with the stats, not after their answer', async () => {
    await waitReady(page);
    await page.getByTestId('item-row').first().waitFor();
    const calls = await sequence();
    const listed = calls.indexOf('asked list_items');
    const counted = calls.indexOf('answered archive_stats');
    expect(listed >= 0 && listed < counted, `the window's calls at start: ${calls.slice(0, 12).join(', ')}`);
  });

  await checks.check('startup: the rest of the window’s data is asked for once the first page of rows has come', async () => {
    await page.getByTestId('facets').locator('section').first().waitFor();
    const calls = await sequence();
    const listed = calls.indexOf('answered list_items');
    expect(listed >= 0, `list_items was never answered: ${calls.slice(0, 24).join(', ')}`);
    for (const command of AFTER_THE_ROWS) {
      const asked = calls.indexOf(`asked ${command}`);
      expect(asked > listed, `${command} was asked before the rows came: ${calls.slice(0, 24).join(', ')}`);
    }
  });

  await checks.check('startup: no console errors, page errors or failed requests', () => {
    expect(problems.length === 0, problems.join('; '));
  });
  await page.close();
}
