#!/usr/bin/env node
/**
 * Runs a command where the real OS keychain works, so the credential tests use it instead of a fake.
 * On Linux that means a private D-Bus session with a throwaway, unlocked GNOME Keyring (the agent's
 * own keyring is never touched); macOS and Windows have their keychain already.
 *
 *   node test/run-with-keyring.mjs <command> [args...]
 *
 * Sets HANDOFF_KEYRING=ready for the command when the keychain is there. When the Linux tools are
 * missing it warns and runs the command anyway, unless HANDOFF_REQUIRE_KEYRING=1 (CI), where it fails.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node test/run-with-keyring.mjs <command> [args...]');
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Like `npx`: the project's own tools (vitest, tsx) win over anything else on PATH.
const env = { ...process.env, PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };

if (process.platform === 'darwin' || process.platform === 'win32') {
  run(command, args, { ...env, HANDOFF_KEYRING: 'ready' });
} else if (onPath('dbus-run-session') && onPath('gnome-keyring-daemon')) {
  runInKeyringSession();
} else if (process.env.HANDOFF_REQUIRE_KEYRING === '1') {
  console.error(
    'run-with-keyring: HANDOFF_REQUIRE_KEYRING=1 but dbus-run-session or gnome-keyring-daemon is missing.\n' +
      'Install the Debian packages: apt-get install dbus gnome-keyring libsecret-1-dev',
  );
  process.exit(1);
} else {
  console.warn(
    'run-with-keyring: dbus-run-session or gnome-keyring-daemon is missing, so the keychain tests will be SKIPPED.\n' +
      'Install the Debian packages dbus, gnome-keyring and libsecret-1-dev to run them.',
  );
  run(command, args, env);
}

function runInKeyringSession() {
  // The daemon keeps its keyring and control socket here, away from the user's own keyring.
  const home = mkdtempSync(join(tmpdir(), 'handoff-keyring-'));
  mkdirSync(join(home, 'data'));
  mkdirSync(join(home, 'run'), { mode: 0o700 });
  // Command and arguments reach the shell as "$@", never as script text, so nothing in them is parsed.
  const script = [
    'printf %s "$HANDOFF_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1',
    'unset HANDOFF_KEYRING_PASSWORD',
    'export HANDOFF_KEYRING=ready',
    'exec "$@"',
  ].join('\n');
  const sessionEnv = {
    ...env,
    HANDOFF_KEYRING_PASSWORD: randomBytes(24).toString('base64url'),
    // The whole session gets these, the bus included, so no keyring daemon started in it (by the
    // script or by D-Bus activation) ever opens the user's own login keyring.
    XDG_DATA_HOME: join(home, 'data'),
    XDG_RUNTIME_DIR: join(home, 'run'),
  };
  // No display: a keyring prompt must fail at once, never wait for someone to click it.
  delete sessionEnv.DISPLAY;
  delete sessionEnv.WAYLAND_DISPLAY;
  run('dbus-run-session', ['--', 'sh', '-c', script, 'run-with-keyring', command, ...args], sessionEnv, {
    // dbus-run-session dies of a signal without passing it on, which would orphan the command and
    // the bus; a process group of their own lets a signal reach them all.
    group: true,
    cleanUp: () => rmSync(home, { recursive: true, force: true }),
  });
}

function run(file, fileArgs, childEnv, { group = false, cleanUp = () => {} } = {}) {
  // Windows resolves `vitest` to vitest.cmd only through its shell; the arguments are the developer's own.
  const child = spawn(file, fileArgs, {
    stdio: 'inherit',
    env: childEnv,
    detached: group,
    shell: process.platform === 'win32',
  });
  const forward = (signal) => (group ? process.kill(-child.pid, signal) : child.kill(signal));
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (error) => {
    console.error(`run-with-keyring: cannot run ${file}: ${error.message}`);
    cleanUp();
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    cleanUp();
    for (const s of signals) process.off(s, forward);
    // Die of the same signal, so whoever started us sees what really happened.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
