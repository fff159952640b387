/**
 * The directory's two figures: how long the real loader takes to stream, parse, check and index a
 * 100k-row directory.csv, and the p95 time of a search per keystroke of realistic typing, through
 * the same `suggest` the directory:search channel answers with. `npx tsx bench/directory.bench.ts`
 * prints them alone; the bench harness imports `figures`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDirectory } from '../main/directory/directory';
import { createLogger } from '../main/log/logger';
import { directoryCsv, fakeEntries, typings } from '../test/support/fake-directory';
import { percentile, type Figure } from './figure';

const ENTRIES = 100_000;
const TYPINGS = 200;

/** Loads a generated 100k directory through the app's loader, then times every keystroke of 200 typings. */
export async function figures(): Promise<Figure[]> {
  const folder = await mkdtemp(join(tmpdir(), 'handoff-bench-directory-'));
  try {
    const entries = fakeEntries(ENTRIES);
    const dataDir = join(folder, 'data');
    const policyDir = join(folder, 'policy');
    const logger = createLogger({ dataDir, level: 'silent' });
    // No directory watches the folder while the file is written: only the timed load reads it.
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'directory.csv'), directoryCsv(entries));

    const started = performance.now();
    const loading = createDirectory({ dataDir, policyDir, defaultCountry: () => 'US', logger });
    const loaded = await loading;
    await loaded.ready();
    const load = performance.now() - started;
    if (loaded.status().entries !== ENTRIES) throw new Error(`the benchmark directory loaded ${String(loaded.status().entries)} entries, not ${String(ENTRIES)}`);

    const times = typings(entries, TYPINGS).flat().map((query) => {
      const before = performance.now();
      loaded.suggest(query);
      return performance.now() - before;
    });
    loaded.close();
    const search = percentile(times, 0.95);
    return [
      figure('directory load', load, `directory load (${String(ENTRIES)} entries): ${load.toFixed(0)} ms`),
      figure('directory search p95', search, `directory search p95 (${String(ENTRIES)} entries): ${search.toFixed(2)} ms`),
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function figure(name: string, value: number, line: string): Figure {
  return { name, value, unit: 'ms', line };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { line } of await figures()) console.log(line);
}
