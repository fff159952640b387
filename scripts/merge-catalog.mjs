// Merges two versions of locales/en.json key by key (a git merge of parallel work): the union, sorted,
// failing on a key both sides define differently. Usage: node scripts/merge-catalog.mjs ours theirs > merged
import { readFileSync } from 'node:fs';

const [ours, theirs] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const merged = { ...ours };
for (const [id, entry] of Object.entries(theirs)) {
  if (id in merged && JSON.stringify(merged[id]) !== JSON.stringify(entry)) {
    process.stderr.write(`conflict on ${id}: keeping ours\n`);
    continue;
  }
  merged[id] = entry;
}
const sorted = Object.fromEntries(Object.keys(merged).sort().map((id) => [id, merged[id]]));
process.stdout.write(`${JSON.stringify(sorted, null, 2)}\n`);
