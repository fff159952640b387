/**
 * Hands text to the browser as a file download: the browser preview's Export CSV. In Electron the
 * core saves the file through the system's save dialog instead, so this never runs there.
 */

/** Starts the download of `text` as `fileName`. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has handed the Blob to the download by the time the task ends.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
