/**
 * The Transfer to directory: IT's `directory.csv` (machine policy folder, marked organization) and
 * the agent's own (data folder), merged with IT's first, searched in the core, and reloaded when
 * either file changes. The agent's favorites and recent targets sit beside it. Everything here
 * runs off the window's path: files are streamed and a search answers from an in-memory index.
 */
import { watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAddress, parseAddress } from '../address/address';
import type {
  DirectoryEntry,
  DirectoryFileStatus,
  DirectoryGroup,
  DirectoryOption,
  DirectorySource,
  DirectoryStatus,
  DirectorySuggestions,
  FavoriteToggled,
} from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text, type Text } from '../contract/text';
import type { Logger } from '../log/logger';
import { readDirectoryCsv, type DirectoryFileRead } from './directory-csv';
import { buildDirectorySearch, type DirectorySearch } from './directory-search';
import { loadSavedTargets, type SavedTarget } from './saved-targets';

/** The file name in both folders. */
export const DIRECTORY_FILE = 'directory.csv';
/** How many matches the list shows: what fits above the transfer buttons in a side panel. */
const MATCH_LIMIT = 8;
/** How many skipped rows Settings lists; the log has them all. */
const SHOWN_SKIPS = 3;

/** Where the two files live, the country addresses are read with, and the log. */
export interface DirectoryOptions {
  dataDir: string;
  policyDir: string;
  defaultCountry(): string;
  logger: Logger;
  /** How long a folder must be quiet before a changed file is read: editors write in several steps. */
  debounceMs?: number;
}

/** The directory, favorites and recents, as the channels use them. */
export interface Directory {
  /** Resolves once the files present at start (or after the latest change) are loaded. */
  ready(): Promise<void>;
  status(): DirectoryStatus;
  /** Matches for a query; favorites then recents for an empty one. */
  suggest(query: string): DirectorySuggestions;
  /** Stars or unstars a typed or picked address. */
  toggleFavorite(addressText: string, name: string): Promise<Result<FavoriteToggled>>;
  /** Remembers a target the core accepted a dial action for. */
  recordDial(addressText: string, name: string): Promise<void>;
  /** Reads both files again: numbers written without a country code read differently in another default country. */
  reread(): Promise<void>;
  /** Stops watching the folders. */
  close(): void;
}

interface SourceState {
  source: DirectorySource;
  folder: string;
  read: DirectoryFileRead;
}

/** Loads both files (without waiting for them: `ready` does), starts watching, and reads the saved lists. */
export async function createDirectory(options: DirectoryOptions): Promise<Directory> {
  const logger = options.logger.child({ module: 'directory' });
  const saved = await loadSavedTargets(options.dataDir, logger);
  const empty: DirectoryFileRead = { entries: [], skipped: [], problem: null };
  // IT's first: on a shared address, the organization's entry is the one kept.
  const sources: SourceState[] = [
    { source: 'organization', folder: options.policyDir, read: empty },
    { source: 'personal', folder: options.dataDir, read: empty },
  ];
  let entries: DirectoryEntry[] = [];
  let byAddress = new Map<string, DirectoryEntry>();
  let index: DirectorySearch = await buildDirectorySearch([]);
  let shadowed: Text[] = [];
  let loading: Promise<void> = Promise.resolve();
  let pending = 0;

  async function rebuild(): Promise<void> {
    const merged = new Map<string, DirectoryEntry>();
    const hidden: Text[] = [];
    for (const { read } of sources) {
      for (const entry of read.entries) {
        if (merged.has(entry.address)) hidden.push(text('directory.row.shadowed', { line: entry.line }));
        else merged.set(entry.address, { name: entry.name, address: entry.address, kind: entry.kind, team: entry.team, source: entry.source });
      }
    }
    const next = [...merged.values()];
    // Searches keep the old directory until the new index is whole: a keystroke never meets half of one.
    const built = await buildDirectorySearch(next);
    byAddress = merged;
    shadowed = hidden;
    entries = next;
    index = built;
  }

  async function load(state: SourceState): Promise<void> {
    const file = join(state.folder, DIRECTORY_FILE);
    const started = performance.now();
    state.read = await readDirectoryCsv(file, state.source, options.defaultCountry());
    const { entries: rows, skipped, problem } = state.read;
    if (problem !== null) logger.warn({ file, problem }, 'directory file refused');
    if (skipped.length > 0) logger.warn({ file, skipped: skipped.length, rows: skipped }, 'directory rows skipped');
    logger.info({ file, entries: rows.length, ms: Math.round(performance.now() - started) }, 'directory file read');
  }

  /** Reads the given sources one load after another, so two changes never interleave their indexes. */
  function reload(which: readonly SourceState[]): Promise<void> {
    pending += 1;
    loading = loading
      .then(async () => {
        for (const state of which) await load(state);
        await rebuild();
      })
      // A reload that fails (a bug) must not stop every later one: the chain goes on, the log says why.
      .catch((error: unknown) => {
        logger.error({ err: error }, 'directory reload failed');
      })
      .finally(() => {
        pending -= 1;
      });
    return loading;
  }

  const unwatch = await Promise.all(sources.map((state) => watchFolder(state, options.debounceMs ?? 250, () => void reload([state]), logger)));
  void reload(sources);

  function option(target: SavedTarget | DirectoryEntry): DirectoryOption {
    const entry = byAddress.get(target.address);
    return {
      name: entry?.name ?? target.name,
      address: target.address,
      displayAddress: formatAddress(target.address, options.defaultCountry()),
      kind: entry?.kind ?? null,
      team: entry?.team ?? '',
      source: entry?.source ?? null,
      favorite: saved.favorites.has(target.address),
    };
  }

  function fileStatus({ source, folder, read }: SourceState): DirectoryFileStatus {
    const skipped = source === 'personal' ? [...read.skipped, ...shadowed] : read.skipped;
    return {
      source,
      file: join(folder, DIRECTORY_FILE),
      entries: read.entries.length - (source === 'personal' ? shadowed.length : 0),
      skipped: skipped.length,
      skippedLines: skipped.slice(0, SHOWN_SKIPS),
      problem: read.problem,
    };
  }

  return {
    ready: () => loading,
    status: () => ({ entries: entries.length, loading: pending > 0, files: sources.map(fileStatus) }),
    suggest(query) {
      if (query.trim() === '') {
        const recents = saved.recents.targets().filter((target) => !saved.favorites.has(target.address));
        const groups: DirectoryGroup[] = [
          { label: 'Favorites', options: saved.favorites.targets().map(option) },
          { label: 'Recent', options: recents.map(option) },
        ];
        return { query, groups: groups.filter((group) => group.options.length > 0) };
      }
      const matches = index.search(query, MATCH_LIMIT).map(option);
      return { query, groups: matches.length === 0 ? [] : [{ label: 'Matches', options: matches }] };
    },
    async toggleFavorite(addressText, name) {
      const address = parseAddress(addressText, options.defaultCountry());
      if (!address.ok) return fail('invalid_address', address.error.message, { field: 'address' });
      const favorite = !saved.favorites.has(address.value);
      try {
        await saved.favorites.put({ address: address.value, name: byAddress.get(address.value)?.name ?? name }, !favorite);
      } catch (error) {
        logger.error({ err: error }, 'favorites could not be saved');
        return fail('internal', text('directory.favoritesNotSaved'));
      }
      return ok({ address: address.value, favorite });
    },
    async recordDial(addressText, name) {
      const address = parseAddress(addressText, options.defaultCountry());
      if (!address.ok) return;
      try {
        await saved.recents.put({ address: address.value, name: byAddress.get(address.value)?.name ?? name });
      } catch (error) {
        // The dial itself went through; a lost recent is not worth troubling the agent with.
        logger.error({ err: error }, 'recent targets could not be saved');
      }
    },
    reread: () => reload(sources),
    close() {
      for (const stop of unwatch) stop();
    },
  };
}

/**
 * Watches the folder, not the file: editors save by writing a new file and renaming it over the
 * old one, which a watch on the file itself would lose. A folder that does not exist (no policy
 * folder on this machine) is simply not watched.
 */
async function watchFolder(state: SourceState, debounceMs: number, changed: () => void, logger: Logger): Promise<() => void> {
  if (state.source === 'personal') await mkdir(state.folder, { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const watcher = watch(state.folder, (_event, name) => {
      if (name !== null && name !== DIRECTORY_FILE) return;
      clearTimeout(timer);
      timer = setTimeout(changed, debounceMs);
    });
    watcher.on('error', (error) => {
      logger.warn({ folder: state.folder, err: error }, 'directory folder no longer watched');
    });
    // A change already waiting out its debounce must not reload a directory that was closed.
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  } catch (error) {
    logger.debug({ folder: state.folder, err: error }, 'directory folder not watched');
    return () => undefined;
  }
}
