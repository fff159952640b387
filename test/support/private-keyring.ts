/**
 * A D-Bus session with a GNOME Keyring of its own, for tests that lock the keyring: the shared one
 * test/run-with-keyring.mjs starts serves test files running side by side, which a lock would break.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Whether an executable is on PATH, so a test can say why it is skipped. */
export function onPath(name: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether a private keyring session can run here. */
export const keyringTools = process.platform === 'linux' && onPath('dbus-run-session') && onPath('gnome-keyring-daemon');

/** The password the private keyring is created and unlocked with, as the script sees it. */
export const KEYRING_PASSWORD_VARIABLE = 'KEYRING_PASSWORD';

/**
 * The environment of a private session: the keyring's files under `dataHome` (shared by sessions
 * that should see the same keyring), sockets under a fresh `runtimeDir`, and no display, so an
 * unlock prompt fails at once instead of waiting for a click.
 */
export async function privateKeyringEnv(dataHome: string, runtimeDir: string): Promise<NodeJS.ProcessEnv> {
  await mkdir(runtimeDir, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: dataHome,
    XDG_RUNTIME_DIR: runtimeDir,
    [KEYRING_PASSWORD_VARIABLE]: 'test-password',
  };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return env;
}

/** The command that runs `script` (sh, with `args` as "$@") inside a new D-Bus session. */
export function inSession(script: string, args: string[] = []): [string, ...string[]] {
  return ['dbus-run-session', '--', 'sh', '-c', script, 'sh', ...args];
}

/** Runs a command to its end and resolves with its stdout; rejects with all it printed when it fails. */
export function runToEnd(command: [string, ...string[]], options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number }): Promise<string> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${file} failed (${error.message})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
}
