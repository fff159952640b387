import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { text } from '../../../main/contract/text';
import { parseEntry, type JournalEntry } from '../../../main/journal/journal-entry';
import { createJournal, type Journal } from '../../../main/journal/journal';
import { dayOf } from '../../../main/journal/journal-files';
import { createLogger } from '../../../main/log/logger';
import { english } from '../../support/english';

let dataDir: string;
let clock: Date;
let journal: Journal;
const logFile = () => join(dataDir, 'logs', 'handoff.log');
const open = () => createJournal({ dataDir, logger: createLogger({ dataDir }), now: () => clock });
const end = (sessionId: string, at = clock.toISOString()): JournalEntry => ({ type: 'end', at, sessionId });
const dayFile = (day: string) => join(dataDir, 'journal', `${day}.jsonl`);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'handoff-journal-'));
  clock = new Date(2026, 11, 5, 10, 0, 0);
  journal = open();
});

describe('writing and reading', () => {
  it('appends one JSON line per entry to the local day\'s file, and reads them back in order', () => {
    expect(journal.write([end('a'), end('b')])).toEqual({ ok: true, value: null });
    journal.write([end('c')]);
    const text = readFileSync(dayFile('2026-12-05'), 'utf8');
    expect(text.split('\n')).toHaveLength(4);
    expect(journal.readAll()).toEqual({ entries: [end('a'), end('b'), end('c')], skipped: 0 });
  });

  it('starts a new file each local day, and reads the days oldest first', async () => {
    journal.write([end('a')]);
    clock = new Date(2026, 11, 6, 0, 0, 1);
    journal.write([end('b')]);
    expect(await readdir(join(dataDir, 'journal'))).toEqual(['2026-12-05.jsonl', '2026-12-06.jsonl']);
    expect(journal.days()).toEqual(['2026-12-05', '2026-12-06']);
    expect(journal.readAll().entries.map((e) => e.type === 'end' && e.sessionId)).toEqual(['a', 'b']);
    expect(journal.readDay('2026-12-06').entries).toHaveLength(1);
  });

  it('leaves out a torn last line (a kill mid-write), keeps the rest, and the next line does not join it', () => {
    journal.write([end('a')]);
    appendFileSync(dayFile('2026-12-05'), '{"type":"end","at":"2026-12-05T');
    expect(journal.readAll()).toEqual({ entries: [end('a')], skipped: 1 });
    // A new run finds the torn line and starts its own on a new line.
    const next = open();
    next.write([end('b')]);
    expect(next.readAll()).toEqual({ entries: [end('a'), end('b')], skipped: 1 });
  });

  it('uses the valid lines of a file edited by hand or full of junk, and logs the rest once', async () => {
    mkdirSync(join(dataDir, 'journal'), { recursive: true });
    const good = JSON.stringify(end('a'));
    writeFileSync(dayFile('2026-12-05'), [good, 'junk', '{"type":"end"}', '', '[1,2]', '{"type":"nope","at":"x"}', good, ''].join('\n'));
    expect(journal.readAll()).toEqual({ entries: [end('a'), end('a')], skipped: 4 });
    journal.readAll();
    const warnings = (await readFile(logFile(), 'utf8')).split('\n').filter((l) => l.includes('journal lines left out'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"skipped":4');
  });

  it('ignores files that are not day files', () => {
    mkdirSync(join(dataDir, 'journal'), { recursive: true });
    writeFileSync(join(dataDir, 'journal', 'notes.txt'), 'hello');
    expect(journal.days()).toEqual([]);
    expect(journal.readAll()).toEqual({ entries: [], skipped: 0 });
  });

  it('reads nothing, without failing, before anything was written', () => {
    expect(journal.readAll()).toEqual({ entries: [], skipped: 0 });
  });

  it('names the local day', () => {
    expect(dayOf(new Date(2026, 0, 9, 23, 59))).toBe('2026-01-09');
  });
});

describe('a failure\'s words', () => {
  const failed = (message: unknown) =>
    JSON.stringify({ type: 'uncertain', at: '2026-12-05T10:00:00.000Z', sessionId: 's', actionId: 'a', code: 'timeout', message, apiId: null });

  it('reads back the Text it was written with, params and all', () => {
    const message = text('error.timeoutAction', { seconds: 10 });
    expect(parseEntry(failed(message))).toMatchObject({ type: 'uncertain', message });
  });

  it('shows the English sentence an older Handoff wrote, as it was written', () => {
    const entry = parseEntry(failed('Plivo did not answer within 10 seconds.'));
    expect(entry).toMatchObject({ message: text('journal.recordedMessage', { text: 'Plivo did not answer within 10 seconds.' }) });
    if (entry?.type === 'uncertain') expect(english(entry.message)).toBe('Plivo did not answer within 10 seconds.');
  });

  it('keeps a line whose words this build cannot show, saying so instead of showing an id', () => {
    expect(parseEntry(failed({ id: 'error.fromAnotherVersion' }))).toMatchObject({ code: 'timeout', message: text('journal.unknownMessage') });
    expect(parseEntry(failed({ id: 'error.timeoutAction', params: { seconds: { not: 'a param' } } }))).toMatchObject({ message: text('journal.unknownMessage') });
  });

  it('leaves out a line whose message is neither', () => {
    expect(parseEntry(failed(42))).toBeNull();
  });
});

describe('retention', () => {
  it('deletes the days older than the retention and keeps the rest (today counts as one)', () => {
    mkdirSync(join(dataDir, 'journal'), { recursive: true });
    for (const day of ['2026-09-06', '2026-09-07', '2026-12-04', '2026-12-05']) writeFileSync(dayFile(day), `${JSON.stringify(end(day))}\n`);
    journal.prune(90);
    expect(journal.days()).toEqual(['2026-09-07', '2026-12-04', '2026-12-05']);
    journal.prune(1);
    expect(journal.days()).toEqual(['2026-12-05']);
  });
});

describe('failing to write', () => {
  it('says why with journal_unavailable and throws nothing', () => {
    writeFileSync(join(dataDir, 'journal'), 'a file where the folder should be');
    const result = journal.write([end('a')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'journal_unavailable' } });
    if (!result.ok) expect(english(result.error.message)).toMatch(/could not write its journal in .*journal \(EEXIST|ENOTDIR/);
  });
});
