import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../main/contract/result';
import { text } from '../../../main/contract/text';
import { createCredentialStore } from '../../../main/credentials/credential-store';
import { loadKeytar, type Keychain } from '../../../main/credentials/keychain';
import { createLogger, type Logger } from '../../../main/log/logger';
import { english } from '../../support/english';
import { inSession, KEYRING_PASSWORD_VARIABLE, keyringTools, privateKeyringEnv } from '../../support/private-keyring';

const AUTH_ID = 'MA0123456789ABCDEF01';
const OTHER_AUTH_ID = 'SAZYXWVUTSRQPONMLK99';
const LOCKED_MESSAGE = text('credentials.keychainLocked');

const keyringReady = process.env['HANDOFF_KEYRING'] === 'ready';
if (!keyringReady) {
  console.warn(
    'credential-store tests: HANDOFF_KEYRING is not "ready", so the tests against the real keychain are SKIPPED. ' +
      'Run them with `node test/run-with-keyring.mjs vitest run`, which provides an unlocked keyring.',
  );
}
if (process.platform === 'linux' && !keyringTools) {
  console.warn('credential-store tests: dbus-run-session or gnome-keyring-daemon is missing, so the locked-keyring test is SKIPPED.');
}
if (process.platform !== 'linux') {
  console.warn('credential-store tests: the absent- and locked-keychain tests need Linux (D-Bus) and are SKIPPED here.');
}

let dataDir: string;
let logger: Logger;
let service: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'handoff-credentials-'));
  logger = createLogger({ dataDir });
  // A service of its own per test: never an agent's real entry, never another test's.
  service = `Handoff test ${randomUUID()}`;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!keyringReady)('with the real keychain', () => {
  let keytar: Keychain;
  const token = () => `tok${randomBytes(12).toString('hex')}`;
  const store = () => createCredentialStore(loadKeytar, { service, logger });

  beforeEach(async () => {
    keytar = await loadKeytar();
  });
  afterEach(async () => {
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  });

  it('saves, reports and clears the credentials, keeping the token in the keychain only', async () => {
    const authToken = token();
    const credentials = store();
    expect(await credentials.status()).toEqual(ok({ set: false, authIdMasked: null }));
    expect(await credentials.save({ authId: AUTH_ID, authToken })).toEqual(ok({ set: true, authIdMasked: 'MA…01' }));
    expect(await credentials.status()).toEqual(ok({ set: true, authIdMasked: 'MA…01' }));
    expect(await keytar.getPassword(service, AUTH_ID)).toBe(authToken);
    expect(await credentials.clear()).toEqual(ok({ set: false, authIdMasked: null }));
    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(await credentials.status()).toEqual(ok({ set: false, authIdMasked: null }));
  });

  it.each([
    ['authId', { authId: 'XY0123456789ABCDEF01', authToken: 'abc' }, /starting with MA or SA/],
    ['authId', { authId: 'MA0123', authToken: 'abc' }, /20 letters and digits/],
    ['authToken', { authId: OTHER_AUTH_ID, authToken: 'has a space' }, /no spaces/],
    ['authToken', { authId: OTHER_AUTH_ID, authToken: '  ' }, /Enter your Plivo Auth Token/],
  ])('refuses a bad %s and leaves the saved entry as it was', async (field, input, message) => {
    const authToken = token();
    const credentials = store();
    await credentials.save({ authId: AUTH_ID, authToken });
    const result = await credentials.save(input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', detail: { field } } });
    expect(messageOf(result)).toMatch(message);
    expect(await keytar.findCredentials(service)).toEqual([{ account: AUTH_ID, password: authToken }]);
  });

  it('writes nothing to an empty keychain on invalid input', async () => {
    expect((await store().save({ authId: 'nope', authToken: 'abc' })).ok).toBe(false);
    expect(await keytar.findCredentials(service)).toEqual([]);
  });

  it('lends the credentials to use(), and refuses with credentials_missing when none are saved', async () => {
    const authToken = token();
    const credentials = store();
    let called = false;
    expect(
      await credentials.use(() => {
        called = true;
        return Promise.resolve(ok('sent'));
      }),
    ).toEqual({
      ok: false,
      error: { code: 'credentials_missing', message: text('credentials.missing') },
    });
    expect(called).toBe(false);
    await credentials.save({ authId: AUTH_ID, authToken });
    expect(await credentials.use((c) => Promise.resolve(ok(c)))).toEqual(ok({ authId: AUTH_ID, authToken }));
  });

  it('reads the keychain once for actions, then lends from memory until a change or a status that differs', async () => {
    const authToken = token();
    await keytar.setPassword(service, AUTH_ID, authToken);
    let reads = 0;
    // The real keychain, counting the reads an action would wait for.
    const counting = async (): Promise<Keychain> => {
      const real = await loadKeytar();
      return {
        ...real,
        findPassword: (s) => {
          reads += 1;
          return real.findPassword(s);
        },
        findCredentials: (s) => {
          reads += 1;
          return real.findCredentials(s);
        },
      };
    };
    const credentials = createCredentialStore(counting, { service, logger });
    const lend = () => credentials.use((c) => Promise.resolve(ok(c)));
    expect(await lend()).toEqual(ok({ authId: AUTH_ID, authToken }));
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 5; i += 1) expect(await lend()).toEqual(ok({ authId: AUTH_ID, authToken }));
    expect(reads).toBe(afterFirst);

    // A save lends the new token at once; a clear lends nothing.
    const next = token();
    await credentials.save({ authId: AUTH_ID, authToken: next });
    expect(await lend()).toEqual(ok({ authId: AUTH_ID, authToken: next }));
    await credentials.clear();
    expect(await lend()).toMatchObject({ ok: false, error: { code: 'credentials_missing' } });

    // Changed outside Handoff: the next status notices, and the next action reads it.
    await credentials.save({ authId: AUTH_ID, authToken: next });
    await keytar.deletePassword(service, AUTH_ID);
    await keytar.setPassword(service, OTHER_AUTH_ID, authToken);
    expect(await credentials.status()).toEqual(ok({ set: true, authIdMasked: 'SA…99' }));
    expect(await lend()).toEqual(ok({ authId: OTHER_AUTH_ID, authToken }));

    // Only the token changed outside Handoff: the status notices that too.
    const rotated = token();
    await keytar.setPassword(service, OTHER_AUTH_ID, rotated);
    await credentials.status();
    expect(await lend()).toEqual(ok({ authId: OTHER_AUTH_ID, authToken: rotated }));
  });

  it('never lends credentials a clear made while their read waited its turn', async () => {
    const credentials = store();
    await credentials.save({ authId: AUTH_ID, authToken: token() });
    const fresh = store();
    await keytar.setPassword(service, AUTH_ID, token());
    // The read starts first; the clear comes while it waits.
    const lending = fresh.use((c) => Promise.resolve(ok(c)));
    const cleared = fresh.clear();
    expect(await cleared).toEqual(ok({ set: false, authIdMasked: null }));
    expect(await lending).toMatchObject({ ok: false, error: { code: 'credentials_missing' } });
    expect(await fresh.use((c) => Promise.resolve(ok(c)))).toMatchObject({ ok: false, error: { code: 'credentials_missing' } });
  });

  it('reads "not set" from an unlocked keyring with nothing saved, and leaves no lock probe behind', async () => {
    expect(await store().status()).toEqual(ok({ set: false, authIdMasked: null }));
    expect(await store().use(() => Promise.resolve(ok(null)))).toMatchObject({ ok: false, error: { code: 'credentials_missing' } });
    expect(await keytar.findCredentials(`${service} (lock check)`)).toEqual([]);
  });

  it('keeps only one entry when a second account is saved', async () => {
    const credentials = store();
    await credentials.save({ authId: AUTH_ID, authToken: token() });
    const second = token();
    expect(await credentials.save({ authId: OTHER_AUTH_ID, authToken: second })).toEqual(
      ok({ set: true, authIdMasked: 'SA…99' }),
    );
    expect(await keytar.findCredentials(service)).toEqual([{ account: OTHER_AUTH_ID, password: second }]);
  });

  it('never writes the token to a file, on any path', async () => {
    const authToken = token();
    const credentials = store();
    await credentials.use(() => Promise.resolve(ok(null)));
    await credentials.save({ authId: 'MA0123', authToken });
    await credentials.save({ authId: AUTH_ID, authToken: `${authToken} x` });
    await credentials.save({ authId: AUTH_ID, authToken });
    await credentials.status();
    await credentials.use(() => Promise.resolve(ok(null)));
    await credentials.clear();
    const log = await readFile(join(dataDir, 'logs', 'handoff.log'), 'utf8');
    // The paths above were logged, so an empty log cannot pass by accident.
    expect(log).toContain('credentials saved');
    expect(log).toContain('credentials refused');
    expect(log).toContain('no credentials saved');
    expect(await filesContaining(dataDir, authToken)).toEqual([]);
  });
});

describe.skipIf(process.platform !== 'linux')('without a reachable keychain', () => {
  it('reports keychain_unavailable from a process with no D-Bus session, and logs no token', async () => {
    const runtimeDir = join(dataDir, 'runtime');
    await mkdir(runtimeDir, { mode: 0o700 });
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtimeDir };
    // No session bus and no display to autolaunch one: libsecret cannot reach any Secret Service.
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const authToken = `tok${randomBytes(12).toString('hex')}`;
    const { results, output } = await runStoreInChild(env, [
      `save({ authId: ${JSON.stringify(AUTH_ID)}, authToken: ${JSON.stringify(authToken)} })`,
      'status()',
    ]);
    expect(results, output).toHaveLength(2);
    for (const result of results) {
      expect(result, output).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
      expect(messageOf(result)).toMatch(/^Handoff cannot reach the system keychain \(.+\): on Linux it needs a running Secret Service/);
    }
    expect(await readFile(join(dataDir, 'logs', 'handoff.log'), 'utf8')).toContain('keychain unavailable');
    expect(await filesContaining(dataDir, authToken)).toEqual([]);
  });

  it('reports keychain_unavailable when keytar itself cannot be loaded', async () => {
    // A native module that fails to load cannot be produced here without breaking node_modules.
    const failedLoad = new Error('the keytar module could not be loaded: libsecret-1.so.0: cannot open shared object file');
    const credentials = createCredentialStore(() => Promise.reject(failedLoad), { service, logger });
    const result = await credentials.status();
    expect(result).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(messageOf(result)).toContain('libsecret-1.so.0');
  });
});

describe.skipIf(!keyringTools)('with a locked keyring', () => {
  it(
    'reports keychain_locked when saving into a real locked GNOME Keyring collection',
    async () => {
      const data = join(dataDir, 'keyring-data');
      await mkdir(data);
      const session = async (runtime: string, startDaemon: string, calls: string[]) =>
        runStoreInChild(await privateKeyringEnv(data, join(dataDir, runtime)), calls, inSession(`${startDaemon} >/dev/null && exec "$@"`));
      const save = `save({ authId: ${JSON.stringify(AUTH_ID)}, authToken: 'first-token' })`;
      // First login: the keyring is created unlocked and holds the credentials.
      const first = await session('run-1', `printf %s "$${KEYRING_PASSWORD_VARIABLE}" | gnome-keyring-daemon --unlock --components=secrets`, [save]);
      expect(first.results, first.output).toEqual([ok({ set: true, authIdMasked: 'MA…01' })]);
      // Next session: the daemon starts without the password, so the login collection stays locked.
      const locked = await session('run-2', 'gnome-keyring-daemon --start --components=secrets', [save]);
      expect(locked.results, locked.output).toEqual([{ ok: false, error: { code: 'keychain_locked', message: LOCKED_MESSAGE } }]);
    },
    30_000,
  );
});

describe('where a locked keychain is an error, not an empty one (macOS, Windows)', () => {
  it('reads nothing found as "not set" without writing a lock probe', async () => {
    const calls: string[] = [];
    const record = <T>(name: string, value: T) => () => {
      calls.push(name);
      return Promise.resolve(value);
    };
    const keychain: Keychain = {
      getPassword: record('getPassword', null),
      setPassword: record('setPassword', undefined),
      deletePassword: record('deletePassword', false),
      findPassword: record('findPassword', null),
      findCredentials: record('findCredentials', []),
    };
    const credentials = createCredentialStore(keychain, { service, logger, platform: 'darwin' });
    expect(await credentials.status()).toEqual(ok({ set: false, authIdMasked: null }));
    expect(calls).toEqual(['findCredentials']);
  });
});

describe('mapping keychain errors other platforms raise', () => {
  // macOS and Windows keychains and an interactive prompt cannot run here; their messages can.
  const rejecting = (message: string): Keychain => {
    const reject = () => Promise.reject(new Error(message));
    return { getPassword: reject, setPassword: reject, deletePassword: reject, findPassword: reject, findCredentials: reject };
  };

  it.each([
    ['User canceled the operation.', 'keychain_locked'],
    ['prompt dismissed', 'keychain_locked'],
    ['User interaction is not allowed.', 'keychain_locked'],
    ['The user name or passphrase you entered is not correct.', 'keychain_locked'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable'],
    ['No such interface “org.freedesktop.Secret.Collection” on object at path /', 'keychain_unavailable'],
    ['The specified logon session does not exist. It may already have been terminated.', 'keychain_unavailable'],
  ])('maps "%s" to %s and puts the reason in the message', async (message, code) => {
    const result = await createCredentialStore(rejecting(message), { service, logger }).save({ authId: AUTH_ID, authToken: 'abc' });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(messageOf(result)).toContain(code === 'keychain_locked' ? english(LOCKED_MESSAGE) : message.replace(/\.$/, ''));
  });
});

function messageOf(result: Result<unknown>): string {
  return result.ok ? '' : english(result.error.message);
}

/** Runs the real store in a child Node process, started through `wrapper` if given, and returns what each call resolved to. */
function runStoreInChild(
  env: NodeJS.ProcessEnv,
  calls: string[],
  wrapper?: [string, ...string[]],
): Promise<{ results: Result<unknown>[]; output: string }> {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const module = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
  const script = `
    const { createCredentialStore } = await import(${module('main/credentials/credential-store.ts')});
    const { loadKeytar } = await import(${module('main/credentials/keychain.ts')});
    const { createLogger } = await import(${module('main/log/logger.ts')});
    const logger = createLogger({ dataDir: ${JSON.stringify(dataDir)} });
    const store = createCredentialStore(loadKeytar, { service: ${JSON.stringify(service)}, logger });
    const results = [];
    ${calls.map((call) => `results.push(await store.${call});`).join('\n')}
    console.log(JSON.stringify(results));
  `;
  const node: [string, ...string[]] = [process.execPath, '--import', 'tsx', '--input-type=module', '--eval', script];
  const [file, ...args] = wrapper === undefined ? node : [...wrapper, ...node];
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: root, env, timeout: 25_000 }, (error, stdout, stderr) => {
      const output = `stdout:\n${stdout}\nstderr:\n${stderr}`;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (error !== null || !last.startsWith('[')) {
        reject(new Error(`child failed (${error?.message ?? 'no result'})\n${output}`));
        return;
      }
      // The child printed the store's own Results.
      resolve({ results: JSON.parse(last) as Result<unknown>[], output });
    });
  });
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path, 'utf8')).includes(needle)) hits.push(path);
  }
  return hits;
}
