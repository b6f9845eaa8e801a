// The sync indicator's words for each state, in the three languages, and times of day as HH:MM.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translate';
import { syncText, timeOfDay } from '../../src/lib/teamSync';

const en = createTranslator('en');
const ru = createTranslator('ru');
const zh = createTranslator('zh');
// 10:42 on this computer's clock, whatever its time zone.
const since = new Date(2026, 11, 6, 10, 42).toISOString();

describe('syncText', () => {
  it('says each state in English', () => {
    expect(syncText({ state: 'up_to_date' }, en)).toBe('Up to date');
    expect(syncText({ state: 'syncing' }, en)).toBe('Syncing…');
    expect(syncText({ state: 'waiting', actions: 1 }, en)).toBe('1 waiting to send');
    expect(syncText({ state: 'waiting', actions: 12 }, en)).toBe('12 waiting to send');
    expect(syncText({ state: 'offline', since, reason: 'connection refused' }, en)).toBe('Offline since 10:42');
    expect(syncText({ state: 'failed', message: 'permission denied for table log' }, en)).toBe('Sync failed: permission denied for table log');
  });

  it('counts what waits in Russian’s forms and says the time in Russian and Chinese', () => {
    expect(syncText({ state: 'waiting', actions: 1 }, ru)).toBe('1 изменение ждёт отправки');
    expect(syncText({ state: 'waiting', actions: 3 }, ru)).toBe('3 изменения ждут отправки');
    expect(syncText({ state: 'waiting', actions: 7 }, ru)).toBe('7 изменений ждут отправки');
    expect(syncText({ state: 'offline', since, reason: '' }, ru)).toBe('Нет связи с 10:42');
    expect(syncText({ state: 'offline', since, reason: '' }, zh)).toBe('自 10:42 起离线');
  });
});

describe('timeOfDay', () => {
  it('gives a moment as HH:MM on this computer’s clock, and anything unreadable as it came', () => {
    expect(timeOfDay(new Date(2026, 0, 2, 7, 5).toISOString(), en)).toBe('07:05');
    expect(timeOfDay('not a time', en)).toBe('not a time');
  });
});
