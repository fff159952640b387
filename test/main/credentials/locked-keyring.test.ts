/**
 * A locked GNOME Keyring, for real: Handoff says it is locked on credentials:status, Test
 * connection and call actions, sends nothing to PHLO, and never crashes (keytar's findCredentials
 * kills the process on a locked collection); once unlocked, the same saved credentials work again.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text } from '../../../main/contract/text';
import { startSimulator, type Simulator } from '../../../main/simulator/server';
import type { CoreChildJob } from '../../support/core-child';
import { AGENT, COLLEAGUE, CUSTOMER } from '../../support/numbers';
import { inSession, KEYRING_PASSWORD_VARIABLE, keyringTools, onPath, privateKeyringEnv, runToEnd } from '../../support/private-keyring';
import { useTempDirs } from '../../support/temp-dir';

const LOCKED = {
  ok: false,
  error: { code: 'keychain_locked', message: text('credentials.keychainLocked') },
};

const ready = keyringTools && onPath('gdbus');
if (!ready) console.warn('locked-keyring tests: dbus-run-session, gnome-keyring-daemon or gdbus is missing, so they are SKIPPED.');

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The collection gnome-keyring-daemon --unlock creates and the default alias points to.
const LOGIN = '/org/freedesktop/secrets/collection/login';
const SECRETS = 'gdbus call --session --dest org.freedesktop.secrets';
const child = `"${process.execPath}" --import tsx test/support/core-child.ts`;
const password = `"$${KEYRING_PASSWORD_VARIABLE}"`;

// Three cores one after another, as three runs of the app: keytar keeps its connection to the
// daemon it first met, so the core that sees the keyring unlocked again is a new process.
const SCRIPT = [
  'set -e',
  `printf %s ${password} | gnome-keyring-daemon --unlock --components=secrets >/dev/null`,
  `${child} "$1"`,
  `${SECRETS} --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "['${LOGIN}']" >/dev/null`,
  `${child} "$2"`,
  // Unlocking needs the password, which only a daemon started with it takes (no prompt can show here).
  `printf %s ${password} | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1`,
  'tries=0',
  `until ${SECRETS} --object-path ${LOGIN} --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked 2>/dev/null | grep -q false; do`,
  '  tries=$((tries + 1)); [ "$tries" -lt 100 ] || exit 1; sleep 0.1',
  'done',
  `${child} "$3"`,
].join('\n');

describe.skipIf(!ready)('with the login keyring locked', () => {
  const tempDir = useTempDirs();
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
    sim.createCall(AGENT, CUSTOMER);
  });
  afterEach(() => sim.close());

  it('says keychain_locked with what to do, sends nothing, and works again once unlocked', async () => {
    const dir = await tempDir();
    const service = `Handoff test ${randomUUID()}`;
    const job = (calls: CoreChildJob['calls']): string =>
      JSON.stringify({ dataDir: join(dir, 'data'), service, env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl }, calls } satisfies CoreChildJob);
    const jobs = [
      job([
        ['settings:update', { phloId: sim.phloId, nodeId: sim.nodeId, agentAddress: AGENT }],
        ['credentials:save', { authId: sim.authId, authToken: sim.authToken }],
      ]),
      job([
        ['credentials:status'],
        ['connection:test'],
        ['session:open', { customer: CUSTOMER }],
        ['call:warm-transfer', { to: COLLEAGUE }],
        ['session:get'],
        // Closed cleanly, or the journal would bring this call back in the next run.
        ['session:end'],
        ['credentials:clear'],
        ['credentials:save', { authId: sim.authId, authToken: sim.authToken }],
      ]),
      job([['credentials:status'], ['connection:test'], ['session:open', { customer: CUSTOMER }], ['call:warm-transfer', { to: COLLEAGUE }]]),
    ];

    const env = await privateKeyringEnv(join(dir, 'keyring'), join(dir, 'run'));
    const stdout = await runToEnd(inSession(SCRIPT, jobs), { env, cwd: ROOT, timeoutMs: 60_000 });
    // Each core prints one JSON array; a keyring daemon started on demand may print its own
    // GNOME_KEYRING_CONTROL=… lines to the same output, which are not the cores' answers.
    const answers = stdout.split('\n').filter((line) => line.startsWith('['));
    expect(answers).toHaveLength(3);
    const [configured, locked, unlocked] = answers.map((line) => JSON.parse(line) as unknown[]);

    expect(configured).toMatchObject([{ ok: true }, { ok: true, value: { set: true } }]);
    expect(locked).toEqual([
      LOCKED,
      LOCKED,
      expect.objectContaining({ ok: true }),
      LOCKED,
      // Nothing may have reached Plivo, so nothing waits for the agent's word.
      { ok: true, value: expect.objectContaining({ pending: null, unconfirmed: null }) as unknown },
      { ok: true, value: null },
      LOCKED,
      LOCKED,
    ]);
    expect(unlocked).toMatchObject([
      { ok: true, value: { set: true, authIdMasked: 'MA…01' } },
      { ok: true, value: { nodeName: 'Multi-Party Call_1' } },
      { ok: true },
      { ok: true },
    ]);
    // Only the unlocked core reached PHLO: its reads of the node (Test connection, the header's
    // checks) and the one transfer.
    expect(sim.requests().filter((r) => r.method !== 'GET').map((r) => (r.body as { action: string }).action)).toEqual(['warm_transfer']);
    expect(sim.requests().some((r) => r.method === 'GET')).toBe(true);
  }, 60_000);
});
