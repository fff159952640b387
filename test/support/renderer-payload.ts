/**
 * What the window downloads and parses: every JS and CSS file of the built renderer, gzipped as a
 * server would send it. Shared by the size budget (a test) and `npm run bench` (a figure).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One built file's weight in bytes. */
export interface FileWeight {
  path: string;
  raw: number;
  gzip: number;
}

/** The renderer's JS and CSS, per file and in total. */
export interface Payload {
  files: FileWeight[];
  raw: number;
  gzip: number;
}

/**
 * Weighs every .js and .css below `dir`, the preview's bridge and any lazily loaded chunk included:
 * an upper bound on what one window loads, so no later chunk slips past the budget.
 */
export async function rendererPayload(dir: string): Promise<Payload> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && /\.(js|css)$/.test(entry.name))
      .map(async (entry): Promise<FileWeight> => {
        const path = join(entry.parentPath, entry.name);
        const body = await readFile(path);
        // zlib's default level: what an HTTP server's compression typically sends, not the best case.
        return { path: relative(dir, path), raw: body.length, gzip: gzipSync(body).length };
      }),
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  return {
    files,
    raw: files.reduce((sum, file) => sum + file.raw, 0),
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
  };
}

/** A byte count in KB (1024 bytes), one decimal, as the budget and the bench print it. */
export function kilobytes(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
