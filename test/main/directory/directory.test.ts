import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDirectory, type Directory } from '../../../main/directory/directory';
import { MAX_RECENTS } from '../../../main/directory/saved-targets';
import { createLogger } from '../../../main/log/logger';
import { english } from '../../support/english';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const open: Directory[] = [];
afterEach(() => {
  for (const directory of open.splice(0)) directory.close();
});

async function folders(files: { personal?: string; organization?: string } = {}) {
  const dataDir = await tempDir();
  const policyDir = await tempDir();
  if (files.personal !== undefined) await writeFile(join(dataDir, 'directory.csv'), files.personal);
  if (files.organization !== undefined) await writeFile(join(policyDir, 'directory.csv'), files.organization);
  return { dataDir, policyDir };
}

async function start(dirs: { dataDir: string; policyDir: string }): Promise<Directory> {
  const logger = createLogger({ dataDir: dirs.dataDir, level: 'silent' });
  const directory = await createDirectory({ ...dirs, defaultCountry: () => 'US', logger, debounceMs: 20 });
  open.push(directory);
  await directory.ready();
  return directory;
}

const matchNames = (directory: Directory, query: string) =>
  directory.suggest(query).groups.flatMap((group) => group.options.map((option) => option.name));

describe('directory', () => {
  it("merges IT's file (marked organization, kept on a shared address) with the agent's, and says what each gave", async () => {
    const directory = await start(
      await folders({
        organization: 'name,address,kind,team\nGrace Hopper,+14155550123,agent,Escalations\n',
        personal: 'name,address\nMy Grace,(415) 555-0123\nAda Lovelace,+14155550124\nBad,12\n',
      }),
    );
    expect(directory.suggest('grace').groups).toEqual([
      {
        label: 'Matches',
        options: [
          { name: 'Grace Hopper', address: '+14155550123', displayAddress: '(415) 555-0123', kind: 'agent', team: 'Escalations', source: 'organization', favorite: false },
        ],
      },
    ]);
    const status = directory.status();
    expect(status.entries).toBe(2);
    expect(status.files.map((f) => [f.source, f.entries, f.skipped])).toEqual([['organization', 1, 0], ['personal', 1, 2]]);
    expect(status.files[1]?.skippedLines.map(english)).toEqual([
      expect.stringMatching(/^line 4: 12 is too short/),
      'line 2: the same address as an organization entry, which is kept',
    ]);
  });

  it('reloads a file when it changes, also when an editor replaces it by renaming a new file over it', async () => {
    const dirs = await folders({ personal: 'name,address\nAda Lovelace,+14155550124\n' });
    const directory = await start(dirs);
    expect(matchNames(directory, 'ada')).toEqual(['Ada Lovelace']);

    await writeFile(join(dirs.dataDir, 'directory.csv'), 'name,address\nAda Byron,+14155550124\n');
    await expect.poll(() => matchNames(directory, 'ada')).toEqual(['Ada Byron']);

    await writeFile(join(dirs.dataDir, 'directory.csv.tmp'), 'name,address\nAda King,+14155550124\n');
    await rename(join(dirs.dataDir, 'directory.csv.tmp'), join(dirs.dataDir, 'directory.csv'));
    await expect.poll(() => matchNames(directory, 'ada')).toEqual(['Ada King']);
  });

  it('shows favorites then recents for an empty query, grouped, and keeps both across a restart', async () => {
    const dirs = await folders({ personal: 'name,address,team\nGrace Hopper,+14155550123,Escalations\n' });
    const first = await start(dirs);
    expect(first.suggest('').groups).toEqual([]);
    await first.recordDial('(415) 555-0199', 'Someone');
    await first.recordDial('+14155550123', '');
    expect(await first.toggleFavorite('(415) 555-0123', '')).toEqual({ ok: true, value: { address: '+14155550123', favorite: true } });
    first.close();

    const second = await start(dirs);
    const groups = second.suggest('').groups;
    expect(groups.map((g) => [g.label, g.options.map((o) => [o.name, o.favorite])])).toEqual([
      ['Favorites', [['Grace Hopper', true]]],
      ['Recent', [['Someone', false]]],
    ]);
    expect(await second.toggleFavorite('+14155550123', '')).toMatchObject({ ok: true, value: { favorite: false } });
    expect(second.suggest('').groups.map((g) => g.label)).toEqual(['Recent']);
  });

  it(`keeps the last ${String(MAX_RECENTS)} distinct targets, newest first`, async () => {
    const directory = await start(await folders());
    for (let i = 0; i < 25; i++) await directory.recordDial(`+1415555${String(1000 + i)}`, `Caller ${String(i)}`);
    await directory.recordDial('+14155551010', 'Caller 10');
    const recent = directory.suggest('').groups[0]?.options.map((o) => o.name) ?? [];
    expect(recent).toHaveLength(MAX_RECENTS);
    expect(recent.slice(0, 3)).toEqual(['Caller 10', 'Caller 24', 'Caller 23']);
    expect(recent).not.toContain('Caller 4');
  });

  it('reads the files again with a new default country, so national numbers change meaning with it', async () => {
    const dirs = await folders({ personal: 'name,address\nLondon desk,020 7946 0000\nSan Francisco desk,(415) 555-0123\n' });
    let country = 'US';
    const directory = await createDirectory({ ...dirs, defaultCountry: () => country, logger: createLogger({ dataDir: dirs.dataDir, level: 'silent' }), debounceMs: 20 });
    open.push(directory);
    await directory.ready();
    expect(matchNames(directory, 'desk')).toEqual(['San Francisco desk']);
    country = 'GB';
    await directory.reread();
    expect(matchNames(directory, 'desk')).toEqual(['London desk']);
  });

  it('refuses to star something that is not an address', async () => {
    const directory = await start(await folders());
    expect(await directory.toggleFavorite('grace', '')).toMatchObject({ ok: false, error: { code: 'invalid_address' } });
  });
});
