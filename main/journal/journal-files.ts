/**
 * The journal on disk: one JSON-lines file per local day in `<dataDir>/journal/`. Appends are
 * synchronous, so once `append` returns the lines survive a kill of Handoff; flushed ones (`fsync`)
 * survive a power cut too, with every line written before them.
 */
import * as nodeFs from 'node:fs';
import { join } from 'node:path';

/** The file system calls the journal makes; tests pass a spy or a failing one. */
export type JournalFs = Pick<
  typeof nodeFs,
  'openSync' | 'readSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'mkdirSync' | 'readFileSync' | 'readdirSync' | 'rmSync' | 'statSync'
>;

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** A date's local day, as journal files are named: the agent's "today" is their own. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** One day's lines: the whole ones, and how many were cut short by a kill mid-write. */
export interface DayText {
  lines: string[];
  torn: number;
}

/** Reads and appends the day files of one journal folder. */
export function journalFiles(dir: string, fs: JournalFs = nodeFs) {
  const file = (day: string) => join(dir, `${day}.jsonl`);
  // The day file appended to, kept open: opening it per append costs more than its fsync. A new day
  // opens a new file, checked once for a torn last line.
  let current: { day: string; fd: number } | null = null;

  /** Whether a kill left the file's last line without its newline: the next line must not join it. */
  function endsTorn(path: string): boolean {
    let size: number;
    try {
      size = fs.statSync(path).size;
    } catch {
      return false;
    }
    if (size === 0) return false;
    const fd = fs.openSync(path, 'r');
    try {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      return last[0] !== 0x0a;
    } finally {
      fs.closeSync(fd);
    }
  }

  return {
    /** Appends whole lines to `day`'s file, flushed to disk when `flush`; throws what the OS throws. */
    append(day: string, lines: string[], flush: boolean): void {
      let text = lines.map((line) => `${line}\n`).join('');
      if (current?.day !== day) {
        const path = file(day);
        fs.mkdirSync(dir, { recursive: true });
        if (endsTorn(path)) text = `\n${text}`;
        const fd = fs.openSync(path, 'a', 0o600);
        if (current !== null) {
          // Yesterday's unflushed lines (a call's state, an outcome) must be on disk before today's intent is.
          fs.fsyncSync(current.fd);
          fs.closeSync(current.fd);
        }
        current = { day, fd };
      }
      try {
        fs.writeSync(current.fd, text);
        if (flush) fs.fsyncSync(current.fd);
      } catch (error) {
        // Opened again next time: a disk that was full may have room by then.
        fs.closeSync(current.fd);
        current = null;
        throw error;
      }
    },

    /** The days that have a file, oldest first. */
    days(): string[] {
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return [];
        throw error;
      }
      return names.flatMap((name) => DAY_FILE.exec(name)?.[1] ?? []).sort();
    },

    /** A day's whole lines; a last line without its newline is one a kill cut short, and is left out. */
    read(day: string): DayText {
      let text: string;
      try {
        text = fs.readFileSync(file(day), 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return { lines: [], torn: 0 };
        throw error;
      }
      const parts = text.split('\n');
      const tail = parts.pop() ?? '';
      return { lines: parts.filter((line) => line.trim() !== ''), torn: tail.trim() === '' ? 0 : 1 };
    },

    /** Deletes the files of days before `oldestKept`; returns the days deleted. */
    pruneBefore(oldestKept: string): string[] {
      const old = this.days().filter((day) => day < oldestKept);
      for (const day of old) fs.rmSync(file(day), { force: true });
      return old;
    },
  };
}
