/** The Electron entry: everything is built and wired in main/electron/app.ts and main/core.ts. */
import { runElectronApp } from './electron/app';

runElectronApp();
