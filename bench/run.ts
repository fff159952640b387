/**
 * `npm run bench`: imports every bench/*.bench.ts in this one process, in name order, prints each
 * figure's line and writes them all to bench/results.json (gitignored: the figures are this machine's).
 * A new module is picked up by its file name alone.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Figure } from './figure';

const here = import.meta.dirname;
const modules = (await readdir(here)).filter((name) => name.endsWith('.bench.ts')).sort();
const results: (Figure & { module: string })[] = [];

for (const name of modules) {
  const loaded = (await import(pathToFileURL(join(here, name)).href)) as { figures?: unknown };
  if (typeof loaded.figures !== 'function') throw new Error(`${name} must export \`async function figures()\`.`);
  const figures = (await (loaded.figures as () => Promise<Figure[]>)()).map((figure) => ({ module: name, ...figure }));
  let printed: string | null = null;
  for (const figure of figures) {
    if (figure.line !== printed) console.log(figure.line);
    printed = figure.line;
  }
  results.push(...figures);
}

await writeFile(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
