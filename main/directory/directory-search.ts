/**
 * Finds directory entries as the agent types: names starting with the query first, then names
 * with a word starting with each word typed, initials, then team; digits match the number; accents
 * and case never matter. When those give too few, uFuzzy (chosen by bench/search-candidates.ts)
 * adds names one typo away. Every rank is answered from sorted lists and word indexes, never a
 * scan of the entries, so a keystroke costs about the same on 100 entries as on 100,000. The query
 * is only ever text: nothing of it becomes a regular expression but uFuzzy's, which escapes it.
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

/** Lower case without accents, single spaces: how names and queries are compared (`jose` finds José). */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most names are plain ASCII, and skipping the decomposition for them halves the index build.
  const plain = /[^ -~]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
  return plain.replace(/\s+/g, ' ').trim();
}

const PHONE_TYPED = /^[\d\s()+\-./]+$/;
// Longer text is not a misspelt name, and uFuzzy's pattern for it would cost more than it finds.
const MAX_TYPO_QUERY = 40;
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- IntraMode.SingleError: the enum cannot be read at run time
const SINGLE_ERROR = 1 as uFuzzy.IntraMode;

/** Distinct words, sorted, each with the entries (by position in name order) that hold it. */
interface WordIndex {
  words: string[];
  holders: number[][];
}

/** Lets the rest of the core run (an action, a bridge request) between two steps of a long build. */
export type Pause = () => Promise<void>;

/** A turn of the event loop: timers and I/O waiting since the last step run before the next. */
const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve));
// Entries folded between two pauses: a few tens of milliseconds of work on this machine's cores.
const SLICE = 10_000;

/**
 * Indexes `entries`, sorted by name so each rank lists them alphabetically. A 100k directory takes
 * about half a second to index, so the build pauses between its steps and every SLICE entries:
 * an action the agent presses meanwhile waits for one step, never for the whole build.
 */
export async function buildDirectorySearch(entries: readonly DirectoryEntry[], pause: Pause = nextTurn): Promise<DirectorySearch> {
  const byName: { entry: DirectoryEntry; name: string; team: string }[] = [];
  for (let start = 0; start < entries.length; start += SLICE) {
    for (const entry of entries.slice(start, start + SLICE)) byName.push({ entry, name: fold(entry.name), team: fold(entry.team) });
    await pause();
  }
  byName.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await pause();
  const names = byName.map((item) => item.name);
  const nameWords = wordIndex(names);
  await pause();
  const teamWords = wordIndex(byName.map((item) => item.team));
  await pause();
  const initials = byName.map((item, position) => ({ key: splitWords(item.name).map((word) => word[0]).join(''), position }));
  initials.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await pause();
  const initialKeys = initials.map((item) => item.key);
  const digits = byName.map((item) => item.entry.address.replace(/\D/g, ''));
  const fuzzy = new uFuzzy({ intraMode: SINGLE_ERROR, intraIns: 1 });

  /** Entries, in name order, holding for every part one of the words `matching` gives for it. */
  function holdersOfAll(index: WordIndex, parts: readonly string[], matching: (index: WordIndex, part: string) => number[], limit: number): number[] {
    const counts = new Uint8Array(byName.length);
    parts.forEach((part, step) => {
      for (const word of matching(index, part)) {
        for (const position of index.holders[word] ?? []) if (counts[position] === step) counts[position] = step + 1;
      }
    });
    const found: number[] = [];
    for (let position = 0; position < counts.length && found.length < limit; position++) if (counts[position] === parts.length) found.push(position);
    return found;
  }

  function byText(query: string, limit: number): DirectoryEntry[] {
    const parts = query.split(' ');
    const compact = parts.join('');
    const found = new Set<number>();
    // Short words are typed too fast to be misspelt; a typo counts only in words of 3 letters or more.
    const nearly = (index: WordIndex, part: string) =>
      part.length < 3 ? prefixed(index, part) : (fuzzy.filter(index.words, part.replace(/[^\p{L}\p{N}]/gu, '')) ?? []);
    // Best rank first; each runs only while the list still has room, so typing a name's start stops at the first.
    const ranks: (() => number[])[] = [
      () => range(names, query, limit),
      () => holdersOfAll(nameWords, parts, prefixed, limit),
      () => (compact.length >= 2 ? sortedPositions(initials, range(initialKeys, compact, Infinity), limit) : []),
      () => holdersOfAll(teamWords, parts, prefixed, limit),
      () => (query.length >= 3 && query.length <= MAX_TYPO_QUERY ? holdersOfAll(nameWords, parts, nearly, limit) : []),
    ];
    for (const rank of ranks) {
      if (found.size >= limit) break;
      for (const position of rank()) if (found.size < limit) found.add(position);
    }
    return [...found].map((position) => (byName[position] as { entry: DirectoryEntry }).entry);
  }

  function byDigits(typed: string, limit: number): DirectoryEntry[] {
    const found: DirectoryEntry[] = [];
    for (let position = 0; position < digits.length && found.length < limit; position++) {
      if (digits[position]?.includes(typed)) found.push((byName[position] as { entry: DirectoryEntry }).entry);
    }
    return found;
  }

  return {
    search(query, limit) {
      const text = fold(query.slice(0, MAX_QUERY));
      if (text === '') return [];
      if (!PHONE_TYPED.test(text)) return byText(text, limit);
      const typed = text.replace(/\D/g, '');
      return typed.length >= 2 ? byDigits(typed, limit) : [];
    },
  };
}

/** Words of a name or team: hyphens and apostrophes split them too (Ní Bhriain, O'Brien). */
function splitWords(text: string): string[] {
  return text.split(/[\s\-']+/).filter((word) => word !== '');
}

function wordIndex(texts: readonly string[]): WordIndex {
  const holders = new Map<string, number[]>();
  texts.forEach((text, position) => {
    for (const word of new Set(splitWords(text))) {
      const list = holders.get(word);
      if (list === undefined) holders.set(word, [position]);
      else list.push(position);
    }
  });
  const words = [...holders.keys()].sort();
  return { words, holders: words.map((word) => holders.get(word) ?? []) };
}

/** Indexes of the words starting with `part`. */
function prefixed(index: WordIndex, part: string): number[] {
  return range(index.words, part, Infinity);
}

/** Indexes (at most `limit`) of the sorted strings starting with `prefix`: they sit together. */
function range(sorted: readonly string[], prefix: string, limit: number): number[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? '') < prefix) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let i = low; i < sorted.length && found.length < limit && (sorted[i] ?? '').startsWith(prefix); i++) found.push(i);
  return found;
}

/** The entry positions of the given sorted rows, in name order, at most `limit`. */
function sortedPositions(rows: readonly { position: number }[], at: readonly number[], limit: number): number[] {
  return at.map((i) => rows[i]?.position ?? 0).sort((a, b) => a - b).slice(0, limit);
}
