import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { text, type Text } from '../../../main/contract/text';
import { MAX_DIRECTORY_BYTES, readDirectoryCsv } from '../../../main/directory/directory-csv';
import { english } from '../../support/english';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
/** What Settings says about a refused file, in English. */
const said = (problem: Text | null) => (problem === null ? null : english(problem));

async function read(content: string | Buffer) {
  const file = join(await tempDir(), 'directory.csv');
  await writeFile(file, content);
  return { file, read: await readDirectoryCsv(file, 'personal', 'US') };
}

describe('readDirectoryCsv', () => {
  it('reads rows with their addresses as Plivo takes them, the header in any order and case, extra columns ignored', async () => {
    const { read: result } = await read(
      'Team,KIND,Address,Name,Desk\nBilling,agent,(415) 222-5555,José Álvarez,3F\n"Support, Tier 2",queue,sip:support@pbx.example.com,"Support ""B"" queue",\n',
    );
    expect(result.problem).toBeNull();
    expect(result.skipped).toEqual([]);
    expect(result.entries).toEqual([
      { name: 'José Álvarez', address: '+14152225555', kind: 'agent', team: 'Billing', source: 'personal', line: 2 },
      { name: 'Support "B" queue', address: 'sip:support@pbx.example.com', kind: 'queue', team: 'Support, Tier 2', source: 'personal', line: 3 },
    ]);
  });

  it('skips rows that fail the address, name or kind rules, saying which line and why, and loads the rest', async () => {
    const { read: result } = await read(
      'name,address,kind,team\nAda,+14152225555,agent,A\nBob,12,agent,A\n,+14152225556,agent,A\nCy,+14152225557,boss,A\nDee,sip:dee@pbx.example.com,external,\n',
    );
    expect(result.entries.map((e) => e.name)).toEqual(['Ada', 'Dee']);
    expect(result.skipped.map(english)).toEqual([
      expect.stringMatching(/^line 3: 12 is too short to be a phone number/),
      'line 4: the name is empty',
      'line 5: the kind "boss" is not agent, queue or external',
    ]);
  });

  it('keeps the first of two rows with the same address and counts the other', async () => {
    const { read: result } = await read('name,address\nAda,+14152225555\nAda again,(415) 222-5555\n');
    expect(result.entries.map((e) => e.name)).toEqual(['Ada']);
    expect(result.skipped).toEqual([text('directory.row.duplicate', { line: 3, first: 2 })]);
    expect(result.skipped.map(english)).toEqual(['line 3: the same address as line 2, which is kept']);
  });

  it('keeps formula-looking cells as plain text', async () => {
    const { read: result } = await read('name,address,team\n"=cmd|\' /C calc\'!A0",+14152225555,@SUM(A1)\n');
    expect(result.entries[0]).toMatchObject({ name: "=cmd|' /C calc'!A0", team: '@SUM(A1)' });
  });

  it('refuses a file that is not UTF-8, with the reason, and loads nothing of it', async () => {
    const latin1 = Buffer.from('name,address\nJos\xe9,+14152225555\n', 'latin1');
    const { read: result } = await read(latin1);
    expect(result.entries).toEqual([]);
    expect(result.problem?.id).toBe('directory.problem.notUtf8');
    expect(said(result.problem)).toMatch(/not UTF-8 text; save it as "CSV UTF-8"/);
  });

  it('refuses a file without a name and address header', async () => {
    const { read: result } = await read('Ada,+14152225555\nBob,+14152225556\n');
    expect(result.entries).toEqual([]);
    expect(said(result.problem)).toMatch(/no header row naming its columns: the first line must be name,address,kind,team \(in any order\)\.$/);
    expect(said((await read('')).read.problem)).toMatch(/empty/);
  });

  it(`refuses a file over ${String(MAX_DIRECTORY_BYTES / 1024 / 1024)} MB without reading it`, async () => {
    const { read: result } = await read(Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(result.entries).toEqual([]);
    expect(said(result.problem)).toMatch(/is 50 MB; Handoff reads directories of up to 20 MB/);
  });

  it('treats a missing file as an empty directory', async () => {
    expect(await readDirectoryCsv(join(await tempDir(), 'directory.csv'), 'organization', 'US')).toEqual({ entries: [], skipped: [], problem: null });
  });
});
