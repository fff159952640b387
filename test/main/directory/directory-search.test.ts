import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../../main/contract/domain';
import { buildDirectorySearch } from '../../../main/directory/directory-search';
import { fakeEntries, GRACE } from '../../support/fake-directory';

const entry = (name: string, address: string, team = 'Sales'): DirectoryEntry => ({ name, address, kind: 'agent', team, source: 'personal' });

const small = await buildDirectorySearch([
  entry('Hopper Grace', '+14155550101'),
  entry('Grace Hopper', '+14155550123', 'Escalations'),
  entry('Gregor Hansen', '+14155550102'),
  entry('José Álvarez', '+442079460000', 'Billing'),
  entry('Ann Grace', '+14155550103'),
  entry('Grace Kim', '+14155550104'),
]);
const names = (query: string) => small.search(query, 8).map((e) => e.name);

describe('directory search', () => {
  it('ranks names starting with the query first, then every word matching a word of the name', () => {
    expect(names('grace')).toEqual(['Grace Hopper', 'Grace Kim', 'Ann Grace', 'Hopper Grace']);
    expect(names('Grace Hop')).toEqual(['Grace Hopper', 'Hopper Grace']);
  });

  it('finds by initials', () => {
    expect(names('gh')[0]).toBe('Grace Hopper');
    expect(names('gh')).toContain('Gregor Hansen');
  });

  it('finds by team', () => {
    expect(names('escal')).toEqual(['Grace Hopper']);
    expect(names('billing')).toEqual(['José Álvarez']);
  });

  it('finds by digits of the number, however they are typed', () => {
    expect(names('555-0123')).toEqual(['Grace Hopper']);
    expect(names('20 7946')).toEqual(['José Álvarez']);
  });

  it('ignores accents and case either way', () => {
    expect(names('jose')).toEqual(['José Álvarez']);
    expect(names('ÁLVAREZ')).toEqual(['José Álvarez']);
  });

  it('tolerates a typo', () => {
    expect(names('grace hoppre')).toContain('Grace Hopper');
    expect(names('alvarex')).toEqual(['José Álvarez']);
  });

  it('takes regular-expression characters and very long text as plain text', () => {
    expect(names('(.*+')).toEqual([]);
    expect(names('.*')).toEqual([]);
    expect(names('x'.repeat(10_000))).toEqual([]);
  });

  it('finds one person among 100,000', async () => {
    const large = await buildDirectorySearch(fakeEntries(100_000).map((e) => ({ ...e, source: 'personal' as const })));
    expect(large.search('Grace Hop', 8).map((e) => e.name)).toEqual([GRACE.name]);
  });

  it('lets the rest of the core run while it indexes 100,000 entries', async () => {
    const entries = fakeEntries(100_000).map((e) => ({ ...e, source: 'personal' as const }));
    let pauses = 0;
    let other = false;
    const building = buildDirectorySearch(entries, () => {
      pauses += 1;
      return new Promise((resolve) => setImmediate(resolve));
    });
    // Something else the core has to do (a bridge request, an action's answer) once the build began.
    setImmediate(() => {
      other = true;
    });
    let doneFirst = false;
    void building.then(() => {
      doneFirst = !other;
    });
    await building;
    expect(doneFirst).toBe(false);
    // Every slice of 10,000 and every step after: no step is the whole build.
    expect(pauses).toBeGreaterThanOrEqual(10 + 4);
  });
});
