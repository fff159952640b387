/**
 * Saves settings over and over through the real settings store until it is killed, printing the
 * number of each save once it finished: the settings writer of test/main/faults/kill-writes.test.ts.
 * argv[2] is the data folder; save n sets the agent's number to settingsWriterNumber(n).
 */
import { createLogger } from '../../main/log/logger';
import { createSettingsStore } from '../../main/settings/settings-store';

/** The agent number save `n` writes, so a check can tell which save the file holds. */
export function settingsWriterNumber(n: number): string {
  return `+1415${String(2_000_000 + n)}`;
}

// Run only as a script: the test imports this module for settingsWriterNumber alone.
if (process.argv[1] === import.meta.filename) {
  const dataDir = process.argv[2] ?? '';
  const store = await createSettingsStore({ dataDir, env: {}, logger: createLogger({ dataDir, level: 'silent' }) });
  for (let n = 0; ; n += 1) {
    const saved = await store.update({ agentAddress: settingsWriterNumber(n), defaultCountry: n % 2 === 0 ? 'US' : 'CA' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    process.stdout.write(`${String(n)}\n`);
  }
}
