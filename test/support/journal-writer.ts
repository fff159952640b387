/**
 * Writes action intents to the real journal over and over until it is killed, printing the number
 * of each once it is on disk: the journal writer of test/main/faults/kill-writes.test.ts. argv[2]
 * is the data folder; intent n carries the action id journalWriterId(n).
 */
import { createJournal } from '../../main/journal/journal';
import { createLogger } from '../../main/log/logger';

/** The action id intent `n` writes, so a check can tell which intents the file holds. */
export function journalWriterId(n: number): string {
  return `action-${String(n)}`;
}

// Run only as a script: the test imports this module for journalWriterId alone.
if (process.argv[1] === import.meta.filename) {
  const dataDir = process.argv[2] ?? '';
  const journal = createJournal({ dataDir, logger: createLogger({ dataDir, level: 'silent' }), now: () => new Date() });
  for (let n = 0; ; n += 1) {
    const at = new Date().toISOString();
    const written = journal.write([
      {
        type: 'intent',
        at,
        sessionId: 'kill-test',
        actionId: journalWriterId(n),
        command: { action: 'hold', participantId: 'customer' },
        // Long enough that a kill often lands in the middle of a line.
        target: `Customer ${'x'.repeat(2000)}`,
      },
    ]);
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    process.stdout.write(`${String(n)}\n`);
  }
}
