/**
 * electron-vite's `?asset` import: the build copies the file next to the bundle and the import is
 * its absolute path, which resolves inside app.asar once packaged. Declared here, not through
 * `electron-vite/node`, which would also add Vite's globals to every file of the node project.
 */
declare module '*?asset' {
  /** The asset's absolute path at run time. */
  const path: string;
  export default path;
}
