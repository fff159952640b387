/**
 * Kills a process running the core's file writers at random moments, 50 times each, and checks
 * what it left: every data file still parses, and no more than the write under way is lost. The
 * settings store writes with write-file-atomic (a temporary file renamed over the old one), which
 * this proves; the journal's appends lose nothing a kill follows (a torn line, which only a crash of
 * the machine can leave, is tested in test/main/journal).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';
import { createSettingsStore } from '../../../main/settings/settings-store';
import { createJournal } from '../../../main/journal/journal';
import { journalWriterId } from '../../support/journal-writer';
import { settingsWriterNumber } from '../../support/settings-writer';
import { useTempDirs } from '../../support/temp-dir';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ROUNDS = 50;
// Rounds side by side, each in a folder of its own; more would only queue on two cores.
const PARALLEL = 4;

/** A process that writes one kind of file, and what must hold of what it left when killed. */
interface Writer {
  name: string;
  /** Writes into the folder argv[2] until killed, printing a line as each write finishes. */
  script: string;
  /** `finished` is the last write the writer reported done, or -1 for none. */
  check(dataDir: string, finished: number): Promise<void>;
}

const WRITERS: Writer[] = [
  {
    name: 'settings',
    script: 'test/support/settings-writer.ts',
    async check(dataDir, finished) {
      const text = await readFile(join(dataDir, 'settings.json'), 'utf8');
      expect(() => JSON.parse(text) as unknown, text).not.toThrow();
      const store = await createSettingsStore({ dataDir, env: {}, logger: createLogger({ dataDir, level: 'silent' }) });
      // The store would have set the file aside, and said so, had it not passed the rules.
      expect(store.problems()).toEqual([]);
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.bad'))).toEqual([]);
      // The last save it reported, or the one under way when it died: nothing older.
      expect([settingsWriterNumber(finished), settingsWriterNumber(finished + 1)]).toContain(store.current().agentAddress);
    },
  },
  {
    name: 'journal',
    script: 'test/support/journal-writer.ts',
    check(dataDir, finished) {
      const read = createJournal({ dataDir, logger: createLogger({ dataDir, level: 'silent' }), now: () => new Date() }).readAll();
      const ids = read.entries.map((entry) => (entry.type === 'intent' ? entry.actionId : entry.type));
      // Every intent it reported on disk, in order, and at most the one under way beside them.
      const whole = Array.from({ length: finished + 1 }, (_, n) => journalWriterId(n));
      expect([whole, [...whole, journalWriterId(finished + 1)]]).toContainEqual(ids);
      // A torn last line is left out and counted, never read as half an entry.
      expect(read.skipped).toBeLessThanOrEqual(1);
      return Promise.resolve();
    },
  },
];

/** Starts the writer, waits for its first finished write, kills it at a random moment after, and says how far it got. */
function killWhileWriting(writer: Writer, dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer.script, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let finished = -1;
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const lines = output.split('\n');
      const last = lines.at(-2);
      if (last === undefined) return;
      const started = finished === -1;
      finished = Number(last);
      // Up to 40 ms more: dozens of writes, so the kill lands anywhere in one.
      if (started) setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && finished >= 0) resolve(finished);
      else reject(new Error(`the ${writer.name} writer ended by itself (${String(signal)}):\n${errors}`));
    });
  });
}

describe.each(WRITERS)('killing the $name writer at random moments', (writer) => {
  const tempDir = useTempDirs();

  it(`leaves files that parse and loses at most the write under way, over ${String(ROUNDS)} kills`, async () => {
    const rounds = Array.from({ length: ROUNDS }, (_, i) => i);
    for (let start = 0; start < ROUNDS; start += PARALLEL) {
      await Promise.all(
        rounds.slice(start, start + PARALLEL).map(async () => {
          const dataDir = await tempDir();
          await writer.check(dataDir, await killWhileWriting(writer, dataDir));
        }),
      );
    }
  }, 120_000);
});
