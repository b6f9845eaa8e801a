// Browser tests of team archives in the window: Archive → Team… (creating a team, joining one,
// the status of a member, Sync now, Leave), the sync indicator's states in the three languages,
// and another member's changes appearing in the inspector, the list and the sidebar's tags
// without the window asking.
import { expect, expectText } from './harness.mjs';
import { expectNoProblems, openLibrary, row, waitForCommand } from './workflow.mjs';

const DATABASE = 'postgres://folio@db.press.local/desk';
const OBJECTS = '/Volumes/Press/Folio';

async function creatingAndJoining(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost);

  await checks.check('team: no indicator outside a team; Archive → Team… offers to create one', async () => {
    await waitForCommand(page, 'team_status');
    expect((await page.getByTestId('team-indicator').count()) === 0, 'an indicator shows outside a team');
    await page.evaluate(() => window.__folioMock?.chooseTeamInMenu());
    await page.getByTestId('team-dialog').waitFor();
    expect(await page.getByTestId('team-mode-create').isChecked(), 'create is not the first choice');
    expect(await page.getByTestId('team-submit').isDisabled(), 'an empty form can be sent');
  });

  await checks.check('team: creating sends the addresses and name, then shows the member’s status and the indicator', async () => {
    await page.getByTestId('team-database').fill(DATABASE);
    await page.getByTestId('team-objects').fill(OBJECTS);
    await page.getByTestId('team-name').fill('Desk');
    expect((await page.getByTestId('team-password').getAttribute('type')) === 'password', 'the password shows as typed');
    await page.getByTestId('team-password').fill('harbour-7');
    await page.getByTestId('team-submit').click();
    const [sent] = await waitForCommand(page, 'create_team');
    expect(
      JSON.stringify(sent) === JSON.stringify({ database: DATABASE, objects: OBJECTS, name: 'Desk', password: 'harbour-7' }),
      `create_team got ${JSON.stringify(sent)}`,
    );
    await expectText(page, 'team-name', 'Desk');
    await expectText(page, 'team-database', DATABASE);
    await expectText(page, 'team-role', 'Change the team’s archive (editor)');
    const shown = (await page.getByTestId('team-dialog').textContent()) ?? '';
    expect(!shown.includes('harbour-7'), 'the member’s status shows the password');
    await expectText(page, 'team-status', 'Up to date');
    await expectText(page, 'team-indicator', 'Up to date');
  });

  await checks.check('team: Leave asks first, then stops syncing and the indicator goes', async () => {
    await page.getByTestId('team-leave').click();
    await page.getByTestId('team-leave-text').waitFor();
    expect((await page.evaluate(() => window.__folioMock?.calls.leave_team ?? 0)) === 0, 'left before it was confirmed');
    await page.getByTestId('team-leave-confirm').click();
    await waitForCommand(page, 'leave_team');
    await page.getByTestId('team-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('team-indicator').waitFor({ state: 'detached' });
  });

  await checks.check('team: joining sends the database, no objects override when left empty, and says where', async () => {
    await page.evaluate(() => window.__folioMock?.chooseTeamInMenu());
    await page.getByTestId('team-mode-join').check();
    expect((await page.getByTestId('team-name').count()) === 0, 'joining asks for a name');
    await page.getByTestId('team-database').fill(DATABASE);
    await page.getByTestId('team-submit').click();
    const [sent] = await waitForCommand(page, 'join_team');
    expect(
      JSON.stringify(sent) === JSON.stringify({ database: DATABASE, objects: null, password: null }),
      `join_team got ${JSON.stringify(sent)}`,
    );
    await page.getByTestId('team-joined').getByText('/home/ana/Desk archive', { exact: false }).waitFor();
  });

  await checks.check('team: a refusal is shown in the host’s words', async () => {
    await page.getByTestId('team-close').click();
    await page.evaluate(() => {
      window.__folioMock?.failNext('create_team', {
        code: 'io',
        message: 'the team’s database: cannot connect to postgres://folio@db.press.local/desk: connection refused',
      });
    });
    await page.evaluate(() => window.__folioMock?.chooseTeamInMenu());
    await page.getByTestId('team-database').fill(DATABASE);
    await page.getByTestId('team-objects').fill(OBJECTS);
    await page.getByTestId('team-name').fill('Desk');
    await page.getByTestId('team-submit').click();
    await page.getByTestId('team-error').getByText('connection refused', { exact: false }).waitFor();
    await page.getByTestId('team-close').click();
  });

  await checks.check('team: creating and joining — no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function memberArchive(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost, 'library&team=1');
  const setSync = (sync, waiting) => page.evaluate(([state, count]) => window.__folioMock?.setTeamSync(state, count), [sync, waiting]);

  await checks.check('team indicator: up to date, then what waits, offline since when, and the error in words', async () => {
    await expectText(page, 'team-indicator', 'Up to date');
    await setSync({ state: 'waiting', actions: 3 }, 3);
    await expectText(page, 'team-indicator', '3 waiting to send');
    await setSync({ state: 'waiting', actions: 1 }, 1);
    await expectText(page, 'team-indicator', '1 waiting to send');
    // 10:42 in this computer's time zone.
    const since = await page.evaluate(() => new Date(2026, 11, 6, 10, 42).toISOString());
    await setSync({ state: 'offline', since, reason: 'connection refused' }, 1);
    await expectText(page, 'team-indicator', 'Offline since 10:42');
    const tooltip = (await page.getByTestId('team-indicator').getAttribute('title')) ?? '';
    expect(tooltip.includes('1 waiting to send') && tooltip.includes('Desk'), `the tooltip says ${JSON.stringify(tooltip)}`);
    await setSync({ state: 'failed', message: 'permission denied for table log' }, 0);
    await expectText(page, 'team-indicator', 'Sync failed: permission denied for table log');
    await setSync({ state: 'up_to_date' }, 0);
    await expectText(page, 'team-indicator', 'Up to date');
  });

  await checks.check('team indicator: in Russian and Chinese', async () => {
    await page.getByTestId('settings-button').click();
    await page.getByTestId('language-ru').check();
    await expectText(page, 'team-indicator', 'Синхронизировано');
    await setSync({ state: 'waiting', actions: 5 }, 5);
    await expectText(page, 'team-indicator', '5 изменений ждут отправки');
    await page.getByTestId('language-zh').check();
    await expectText(page, 'team-indicator', '5 项待发送');
    await page.getByTestId('language-system').check();
    await page.getByTestId('settings-done').click();
    await setSync({ state: 'up_to_date' }, 0);
  });

  await checks.check('team: another member’s caption appears in the open inspector, without the window asking', async () => {
    await row(page, 'Крещатик утром').click();
    await page.getByTestId('item-details').waitFor();
    const before = await page.evaluate(() => window.__folioMock?.log.length ?? 0);
    await page.evaluate(() =>
      window.__folioMock?.remoteWrite('update_item', { request: { id: 14, field: 'caption', value: 'Khreshchatyk at dawn, from the desk in Kyiv.' } }),
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="field-caption"]')?.value === 'Khreshchatyk at dawn, from the desk in Kyiv.',
      undefined,
      { timeout: 5_000 },
    );
    const asked = await page.evaluate((from) => window.__folioMock?.log.slice(from).map((entry) => entry.command) ?? [], before);
    expect(!asked.includes('update_item'), `the window wrote: ${asked.join(', ')}`);
    expect(asked.includes('show_item'), `the inspector did not read the item again: ${asked.join(', ')}`);
  });

  await checks.check('team: another member’s tag appears in the sidebar’s tags', async () => {
    await page.evaluate(() => window.__folioMock?.remoteWrite('tag_items', { request: { ids: [14], add: ['Desk/Kyiv'], remove: [] } }));
    await page.getByTestId('tag-Desk').waitFor({ timeout: 5_000 });
  });

  await checks.check('team: the dialog shows the member’s status; Sync now asks the host', async () => {
    await page.getByTestId('team-indicator').click();
    await page.getByTestId('team-dialog').waitFor();
    await expectText(page, 'team-name', 'Desk');
    await expectText(page, 'team-objects', OBJECTS);
    await expectText(page, 'team-waiting', '0 changes, 0 originals to upload');
    await setSync({ state: 'waiting', actions: 2 }, 2);
    await expectText(page, 'team-status', '2 waiting to send');
    await page.getByTestId('team-sync-now').click();
    await waitForCommand(page, 'sync_team');
    await expectText(page, 'team-status', 'Up to date');
    await page.getByTestId('team-close').click();
  });

  await checks.check('team: member — no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

async function readerArchive(checks, context, baseUrl, mockHost) {
  const { page, problems } = await openLibrary(context, baseUrl, mockHost, 'library&team=1&reader=1');

  await checks.check('team: a reader’s dialog and indicator say that this archive changes nothing', async () => {
    const tooltip = (await page.getByTestId('team-indicator').getAttribute('title')) ?? '';
    expect(tooltip.includes('Read only'), `the tooltip says ${JSON.stringify(tooltip)}`);
    await page.getByTestId('team-indicator').click();
    await page.getByTestId('team-dialog').waitFor();
    await page.getByTestId('team-role').getByText('Read only (reader)', { exact: false }).waitFor();
    expect((await page.getByTestId('team-role').getAttribute('data-reader')) === 'true', 'the role is not marked as a reader');
    await page.getByTestId('team-close').click();
  });

  await checks.check('team: reader — no console errors, page errors or failed requests', () => {
    expectNoProblems(problems);
  });
  await page.close();
}

export async function teamScenarios(checks, context, baseUrl, mockHost) {
  await creatingAndJoining(checks, context, baseUrl, mockHost);
  await memberArchive(checks, context, baseUrl, mockHost);
  await readerArchive(checks, context, baseUrl, mockHost);
}
