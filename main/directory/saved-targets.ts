/**
 * The agent's favorites and recent transfer targets, each a small JSON file in the data folder,
 * written atomically (write-file-atomic) so a crash mid-write never loses the list. A file that
 * fails its schema is logged and ignored rather than crashing the core.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import writeFileAtomic from 'write-file-atomic';
import type { Logger } from '../log/logger';
import { reasonOf } from '../settings/settings-store';

/** How many distinct recent targets are kept: enough for a shift's usual colleagues. */
export const MAX_RECENTS = 20;
/** A bound so a hand-edited file cannot fill the list with thousands of rows. */
const MAX_FAVORITES = 200;

/** An address Plivo takes, with the name it was dialled or starred under. */
export interface SavedTarget {
  address: string;
  name: string;
}

const FileSchema = v.object({
  targets: v.array(v.object({ address: v.pipe(v.string(), v.maxLength(256)), name: v.pipe(v.string(), v.maxLength(80)) })),
});

/** One saved list: read once at start, then changed and saved here only. */
export interface SavedList {
  /** Newest first. */
  targets(): readonly SavedTarget[];
  /** Puts `target` first (or removes it when `remove`), saves, and keeps at most the list's bound. */
  put(target: SavedTarget, remove?: boolean): Promise<void>;
  /** Whether an address is on the list. */
  has(address: string): boolean;
}

/** Favorites (`favorites.json`) and recents (`recents.json`), read from the data folder. */
export async function loadSavedTargets(dataDir: string, logger: Logger): Promise<{ favorites: SavedList; recents: SavedList }> {
  return {
    favorites: await loadList(join(dataDir, 'favorites.json'), MAX_FAVORITES, dataDir, logger),
    recents: await loadList(join(dataDir, 'recents.json'), MAX_RECENTS, dataDir, logger),
  };
}

async function loadList(file: string, bound: number, dataDir: string, logger: Logger): Promise<SavedList> {
  let targets: SavedTarget[] = [];
  try {
    const parsed = v.safeParse(FileSchema, JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) targets = parsed.output.targets.slice(0, bound);
    else logger.warn({ file }, 'saved list ignored: it does not hold a list of targets');
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) logger.warn({ file, reason: reasonOf(error) }, 'saved list ignored');
  }
  // Saves run one after another, so the file always ends with the latest list.
  let saving: Promise<void> = Promise.resolve();
  return {
    targets: () => targets,
    has: (address) => targets.some((target) => target.address === address),
    put(target, remove = false) {
      const others = targets.filter((saved) => saved.address !== target.address);
      targets = (remove ? others : [target, ...others]).slice(0, bound);
      const text = `${JSON.stringify({ targets }, null, 2)}\n`;
      saving = saving.then(async () => {
        await mkdir(dataDir, { recursive: true });
        await writeFileAtomic(file, text, { mode: 0o600 });
      });
      return saving;
    },
  };
}
