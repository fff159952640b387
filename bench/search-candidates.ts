/**
 * Why the directory searches with uFuzzy: the three candidates side by side on the same 100k
 * generated names (index build, p95 per keystroke of 8-keystroke typings, accent and typo
 * tolerance). Run with `npx tsx bench/search-candidates.ts`; it prints one line per library.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { fakeEntries, GRACE, typings } from '../test/support/fake-directory';
import { fold } from '../main/directory/directory-search';

const entries = fakeEntries(100_000);
const names = entries.map((e) => e.name);
const typed = typings(entries, 40).flat();

/** One candidate: build its index, then answer a query with names. */
interface Candidate {
  name: string;
  build(): (query: string) => string[];
}

const candidates: Candidate[] = [
  {
    name: 'uFuzzy (intraMode 1)',
    build() {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- IntraMode.SingleError; the enum cannot be read at run time
      const uf = new uFuzzy({ intraMode: 1 as uFuzzy.IntraMode });
      const haystack = names.map(fold);
      return (query) => (uf.filter(haystack, fold(query)) ?? []).slice(0, 8).map((i) => names[i] ?? '');
    },
  },
  {
    name: 'MiniSearch (prefix, fuzzy 0.2)',
    build() {
      const mini = new MiniSearch({ fields: ['name'], storeFields: ['name'], processTerm: (t) => fold(t) });
      mini.addAll(entries.map((e, id) => ({ id, name: e.name })));
      return (query) => mini.search(query, { prefix: true, fuzzy: 0.2, combineWith: 'AND' }).slice(0, 8).map((r) => String(r['name']));
    },
  },
  {
    name: 'Fuse.js (threshold 0.3)',
    build() {
      const fuse = new Fuse(entries, { keys: ['name'], threshold: 0.3, ignoreDiacritics: true });
      return (query) => fuse.search(query, { limit: 8 }).map((r) => r.item.name);
    },
  },
];

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)] ?? 0;
}

for (const candidate of candidates) {
  const started = performance.now();
  const search = candidate.build();
  const build = performance.now() - started;
  const times = typed.map((query) => {
    const t = performance.now();
    search(query);
    return performance.now() - t;
  });
  const accent = search('jose').some((n) => fold(n).startsWith('jose') && n !== fold(n)) || search('amelie').some((n) => n.startsWith('Amélie'));
  const typo = search('grace hoper').includes(GRACE.name);
  console.log(`${candidate.name}: build ${build.toFixed(0)} ms, p95 ${p95(times).toFixed(1)} ms, accents ${accent ? 'yes' : 'no'}, typo ${typo ? 'yes' : 'no'}`);
}
