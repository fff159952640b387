/**
 * Reads one `directory.csv` (IT's or the agent's) by streaming it through csv-parse, so a large file
 * never blocks the core for long and is never read whole into memory. Every address goes through
 * the same rules as a typed one; a row that fails is skipped with its line and reason, never half
 * loaded. A file that cannot be read as a directory at all is refused with one sentence why.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { parseAddress } from '../address/address';
import type { DirectoryEntry, DirectoryKind, DirectorySource } from '../contract/domain';
import { text, type Text } from '../contract/text';
import { reasonOf } from '../settings/settings-store';

/** Bigger than any real company directory (100k rows is about 6 MB), small enough to read in seconds. */
export const MAX_DIRECTORY_BYTES = 20 * 1024 * 1024;

const KINDS: readonly DirectoryKind[] = ['agent', 'queue', 'external'];
const MAX_NAME = 80;
const COLUMNS = ['name', 'address', 'kind', 'team'] as const;
type Column = (typeof COLUMNS)[number];

/** A loaded entry with the line it came from, so a later duplicate can point at it. */
export interface LineEntry extends DirectoryEntry {
  line: number;
}

/** What reading one file gave: its entries, the rows skipped, or why the whole file was refused. */
export interface DirectoryFileRead {
  entries: LineEntry[];
  /** `line N: why`, in file order. */
  skipped: Text[];
  problem: Text | null;
}

const NOTHING: DirectoryFileRead = { entries: [], skipped: [], problem: null };

/** Reads `file`; a missing file is an empty directory, not a problem. */
export async function readDirectoryCsv(file: string, source: DirectorySource, defaultCountry: string): Promise<DirectoryFileRead> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return NOTHING;
    return refused(text('directory.problem.unreadable', { file, reason: reasonOf(error) }));
  }
  if (size > MAX_DIRECTORY_BYTES) {
    return refused(text('directory.problem.tooBig', { file, size: megabytes(size), max: megabytes(MAX_DIRECTORY_BYTES) }));
  }
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const input = createReadStream(file);
  const decoded = input.pipe(strictUtf8()).on('error', (error) => parser.destroy(error));
  input.on('error', (error) => parser.destroy(error));
  decoded.pipe(parser);
  const rows = new RowReader(file, source, defaultCountry);
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const problem = rows.take(record.record, record.info.lines);
      if (problem !== null) {
        input.destroy();
        return refused(problem);
      }
    }
  } catch (error) {
    input.destroy();
    return refused(
      error instanceof NotUtf8
        ? text('directory.problem.notUtf8', { file })
        : text('directory.problem.notReadable', { file, reason: reasonOf(error) }),
    );
  }
  if (!rows.sawHeader) return refused(text('directory.problem.empty', { file }));
  return { entries: rows.entries, skipped: rows.skipped, problem: null };
}

/** Turns records into entries, one at a time, as the stream delivers them. */
class RowReader {
  readonly entries: LineEntry[] = [];
  readonly skipped: Text[] = [];
  sawHeader = false;
  #columns: Record<Column, number> = { name: -1, address: -1, kind: -1, team: -1 };
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly source: DirectorySource,
    private readonly country: string,
  ) {}

  /** Takes one record; returns why the whole file must be refused, or null. */
  take(record: string[], line: number): Text | null {
    if (!this.sawHeader) {
      this.sawHeader = true;
      return this.#header(record);
    }
    const cell = (column: number) => (column < 0 ? '' : (record[column] ?? '').trim());
    const row = this.#entry(line, cell(this.#columns.name), cell(this.#columns.address), cell(this.#columns.kind), cell(this.#columns.team));
    if ('id' in row) {
      this.skipped.push(row);
      return null;
    }
    const first = this.#seen.get(row.address);
    if (first !== undefined) {
      this.skipped.push(text('directory.row.duplicate', { line, first }));
      return null;
    }
    this.#seen.set(row.address, line);
    this.entries.push({ ...row, line });
    return null;
  }

  #header(record: string[]): Text | null {
    const names = record.map((cell) => cell.trim().toLowerCase());
    for (const column of COLUMNS) this.#columns[column] = names.indexOf(column);
    if (this.#columns.name >= 0 && this.#columns.address >= 0) return null;
    return text('directory.problem.noHeader', { file: this.file, columns: COLUMNS.join(',') });
  }

  /** The row's entry, or why line `line` is skipped. */
  #entry(line: number, name: string, addressText: string, kindText: string, team: string): Text | Omit<LineEntry, 'line'> {
    if (name === '') return text('directory.row.noName', { line });
    if (name.length > MAX_NAME || team.length > MAX_NAME) return text('directory.row.tooLong', { line, max: MAX_NAME });
    const kind = (this.#columns.kind < 0 ? 'agent' : kindText.toLowerCase()) as DirectoryKind;
    if (!KINDS.includes(kind)) return text('directory.row.kind', { line, kind: kindText.slice(0, 20) });
    const address = parseAddress(addressText, this.country);
    if (!address.ok) return text('directory.row.address', { line, reason: address.error.message });
    return { name, address: address.value, kind, team, source: this.source };
  }
}

/** A file that is not UTF-8: refused with its own sentence, which says how to save it. */
class NotUtf8 extends Error {
  constructor() {
    // The errno name for an illegal byte sequence: the log's word, never the agent's.
    super('EILSEQ');
  }
}

/** Refuses a file that is not UTF-8 at the first invalid byte sequence, instead of loading U+FFFD names. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new NotUtf8());
      }
    },
    flush(done: TransformCallback) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new NotUtf8());
      }
    },
  });
}

function refused(problem: Text): DirectoryFileRead {
  return { entries: [], skipped: [], problem };
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
