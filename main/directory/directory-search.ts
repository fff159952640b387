/**
 * Finds directory entries as the agent types: name prefixes first, then every word of the query
 * starting a word of the name, initials, team, and a name containing the query; digits match the
 * number; accents and case never matter. When those give too few, uFuzzy (chosen by
 * bench/search-candidates.ts) adds names one typo away. The query is only ever text: nothing of
 * it becomes a regular expression but uFuzzy's own, which escapes it.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import type { DirectoryEntry } from '../contract/domain';

/** The longest query read: longer text cannot be a name or a number, and is cut rather than refused. */
export const MAX_QUERY = 256;

/** An index over one directory, rebuilt when a file changes. */
export interface DirectorySearch {
  /** The best `limit` entries for what the agent typed, best first. */
  search(query: string, limit: number): DirectoryEntry[];
}

interface Indexed {
  entry: DirectoryEntry;
  name: string;
  words: string[];
  initials: string;
  team: string;
  digits: string;
}

/** Lower case without accents, single spaces: how names and queries are compared (`jose` finds José). */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most names are plain ASCII, and skipping the decomposition for them halves the index build.
  const plain = /[^ -~]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
  return plain.replace(/\s+/g, ' ').trim();
}

// uFuzzy's IntraMode.SingleError: one typo per word. Its enum is ambient, so its value is named here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum cannot be read at run time
const SINGLE_ERROR = 1 as uFuzzy.IntraMode;
const PHONE_TYPED = /^[\d\s()+\-./]+$/;
// Ranks, best first; entries in each are in name order.
const TIERS = 5;

/** Indexes `entries`, sorted by name so each rank lists them alphabetically. */
export function buildDirectorySearch(entries: readonly DirectoryEntry[]): DirectorySearch {
  const indexed: Indexed[] = entries.map((entry) => {
    const name = fold(entry.name);
    const words = name.split(/[\s\-']+/).filter((word) => word !== '');
    return { entry, name, words, initials: words.map((word) => word[0]).join(''), team: fold(entry.team), digits: entry.address.replace(/\D/g, '') };
  });
  indexed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = indexed.map((item) => item.name);
  const fuzzy = new uFuzzy({ intraMode: SINGLE_ERROR, intraIns: 1 });

  /** The first index whose name is not below `prefix`: where the names starting with it begin. */
  function lowerBound(prefix: string): number {
    let low = 0;
    let high = names.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((names[middle] ?? '') < prefix) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  function byDigits(digits: string, limit: number): DirectoryEntry[] {
    const found: DirectoryEntry[] = [];
    for (const item of indexed) {
      if (item.digits.includes(digits)) found.push(item.entry);
      if (found.length === limit) break;
    }
    return found;
  }

  function byText(query: string, limit: number): DirectoryEntry[] {
    const prefixed: Indexed[] = [];
    const tiers: Indexed[][] = [prefixed, ...Array.from({ length: TIERS - 1 }, (): Indexed[] => [])];
    // Names starting with the query sit together in the sorted index: no scan needed for them.
    for (let i = lowerBound(query); i < indexed.length && prefixed.length < limit; i++) {
      const item = indexed[i] as Indexed;
      if (!item.name.startsWith(query)) break;
      prefixed.push(item);
    }
    if (prefixed.length < limit) {
      const parts = query.split(' ');
      const compact = query.replaceAll(' ', '');
      for (const item of indexed) {
        const tier = rank(item, query, parts, compact);
        const list = tier === null || tier === 0 ? undefined : tiers[tier];
        if (list !== undefined && list.length < limit) list.push(item);
      }
    }
    const found = tiers.flat().slice(0, limit).map((item) => item.entry);
    return found.length < limit && query.length >= 3 ? [...found, ...typos(query, limit - found.length, new Set(found))] : found;
  }

  function typos(query: string, room: number, already: Set<DirectoryEntry>): DirectoryEntry[] {
    const needle = query.replace(/[^\p{L}\p{N} ]/gu, ' ').trim();
    if (needle === '') return [];
    const hits = fuzzy.filter(names, needle) ?? [];
    const found: DirectoryEntry[] = [];
    for (const hit of hits) {
      const entry = indexed[hit]?.entry;
      if (entry !== undefined && !already.has(entry)) found.push(entry);
      if (found.length === room) break;
    }
    return found;
  }

  return {
    search(query, limit) {
      const text = fold(query.slice(0, MAX_QUERY));
      if (text === '') return [];
      const digits = text.replace(/\D/g, '');
      if (PHONE_TYPED.test(text)) return digits.length >= 2 ? byDigits(digits, limit) : [];
      return byText(text, limit);
    },
  };
}

/** Where an entry ranks for a query (see TIERS), or null when it does not match without a typo. */
function rank(item: Indexed, query: string, parts: readonly string[], compact: string): number | null {
  if (item.name.startsWith(query)) return 0;
  if (parts.every((part) => item.words.some((word) => word.startsWith(part)))) return 1;
  if (compact.length >= 2 && item.initials.startsWith(compact)) return 2;
  if (item.team.startsWith(query)) return 3;
  if (item.name.includes(query) || item.team.includes(query)) return 4;
  return null;
}
