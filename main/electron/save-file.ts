/**
 * History's Export CSV in the app: the agent picks where in the system's save dialog, and main
 * writes the file, so the page never touches the file system
 * (https://www.electronjs.org/docs/latest/api/dialog#dialogshowsavedialogwindow-options).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { HistoryExport } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import { reasonOf } from '../settings/settings-store';

/** Builds the core's `saveFile` over the save dialog, attached to the window when there is one. */
export function saveWithDialog(window: () => BrowserWindow | null) {
  return async (fileName: string, csv: string): Promise<Result<HistoryExport>> => {
    const options = {
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
    const parent = window();
    const chosen = parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
    if (chosen.canceled) return ok({ kind: 'cancelled' });
    try {
      await writeFile(chosen.filePath, csv, { mode: 0o600 });
    } catch (error) {
      return fail('internal', text('dialog.fileNotSaved', { file: chosen.filePath, reason: reasonOf(error) }));
    }
    return ok({ kind: 'saved', path: chosen.filePath });
  };
}
