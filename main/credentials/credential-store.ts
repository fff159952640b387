/**
 * The Plivo Auth ID and Auth Token, kept only in the OS keychain: one entry whose account is the
 * Auth ID and whose password is the token. Nothing is ever written anywhere else, even when the
 * keychain fails; the failure is reported instead.
 */
import * as v from 'valibot';
import type { CredentialStatus } from '../contract/domain';
import { CredentialsChangeSchema, CredentialsSchema } from '../contract/ipc';
import { issueText } from '../contract/known-text';
import { fail, ok, type Result } from '../contract/result';
import { text } from '../contract/text';
import type { Logger } from '../log/logger';
import type { Keychain } from './keychain';

/** What Plivo authenticates with; lent to one request at a time, never kept. */
export interface Credentials {
  authId: string;
  authToken: string;
}

/** The keychain service the entry lives under, and where failures are logged. */
export interface CredentialStoreOptions {
  service: string;
  logger: Logger;
  /** Decides how a locked keychain is told apart from an empty one (libsecret on Linux); process.platform when left out. */
  platform?: NodeJS.Platform;
}

/** Saves, reports and lends the credentials; every method resolves to a Result, never throws. */
export interface CredentialStore {
  /** Whether credentials are saved, with the Auth ID masked; the token is never returned. */
  status(): Promise<Result<CredentialStatus>>;
  /** Replaces the saved credentials after checking them; invalid input changes nothing. */
  save(input: unknown): Promise<Result<CredentialStatus>>;
  /** Replaces the Auth ID, the token or both, keeping the other from the keychain, so a typo is fixed without retyping the rest. */
  replace(input: unknown): Promise<Result<CredentialStatus>>;
  /** Removes every entry under the service. */
  clear(): Promise<Result<CredentialStatus>>;
  /** Reads the credentials for the length of `fn` only. */
  use<T>(fn: (credentials: Credentials) => Promise<Result<T>>): Promise<Result<T>>;
}

const MISSING = text('credentials.missing');
const LOCKED = text('credentials.keychainLocked');

// A locked keyring, a dismissed or cancelled unlock prompt, or a keychain that may not prompt, as
// libsecret ("Cannot create an item in a locked collection", "prompt dismissed") and macOS ("User
// interaction is not allowed", "The user name or passphrase you entered is not correct") word it.
const LOCKED_REASON = /locked|prompt|cancel|dismissed|user interaction is not allowed|passphrase you entered is not correct/i;

/** Builds the store; pass `loadKeytar` so a keytar that fails to load is reported, not fatal. */
export function createCredentialStore(
  keychain: Keychain | (() => Promise<Keychain>),
  options: CredentialStoreOptions,
): CredentialStore {
  const { service } = options;
  const logger = options.logger.child({ module: 'credentials' });
  const libsecret = (options.platform ?? process.platform) === 'linux';
  // A service of its own, so a probe a crash left behind is never read as the agent's credentials.
  // eslint-disable-next-line i18next/no-literal-string -- a keychain entry's service name, which must never change with the language
  const probeService = `${service} (lock check)`;

  /**
   * Every entry under the service. On Linux keytar's findCredentials kills the process on a locked
   * collection (it reads a secret libsecret never loaded: atom/node-keytar#477), and getPassword and
   * findPassword read one as empty. So findPassword goes first: an entry found means the collection
   * is unlocked. Nothing found means nothing saved or all locked away, and only a write tells them
   * apart: libsecret refuses to create an item in a locked collection, which reads as keychain_locked.
   */
  async function entries(k: Keychain): Promise<{ account: string; password: string }[]> {
    if (!libsecret || (await k.findPassword(service)) !== null) return k.findCredentials(service);
    await k.setPassword(probeService, 'probe', 'probe');
    await k.deletePassword(probeService, 'probe');
    return [];
  }

  // One keychain operation at a time: the reachability check reads while the agent may be saving,
  // and libsecret hands keytar an item without its secret when it is deleted mid-read, which
  // crashes the process (seen as "secret_value_get_text: assertion 'value' failed").
  let queue: Promise<unknown> = Promise.resolve();

  function withKeychain<T>(operation: string, fn: (keychain: Keychain) => Promise<T>): Promise<Result<T>> {
    const turn = queue.then(() => attempt(operation, fn));
    queue = turn;
    return turn;
  }

  async function attempt<T>(operation: string, fn: (keychain: Keychain) => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await fn(typeof keychain === 'function' ? await keychain() : keychain));
    } catch (error) {
      // keytar's messages name the failure, never the password, so they are safe to log and show.
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      if (LOCKED_REASON.test(reason)) {
        logger.warn({ operation, reason }, 'keychain is locked');
        return fail('keychain_locked', LOCKED);
      }
      logger.error({ operation, reason }, 'keychain unavailable');
      return fail('keychain_unavailable', text('credentials.keychainUnavailable', { reason }));
    }
  }

  // The issue's input may be the token itself, so only the field and the rule are logged.
  function refused(operation: string, issue: v.BaseIssue<unknown>): Result<CredentialStatus> {
    const field = issue.path?.[0]?.key;
    logger.warn({ operation, field, reason: issue.message }, 'credentials refused');
    return fail('invalid_input', issueText(issue), typeof field === 'string' ? { field } : undefined);
  }

  /**
   * The credentials as last read from or saved to the keychain, held by the main process while it
   * runs: an action then waits for no keychain read (about 2.5 ms on Linux, most of what Handoff
   * added per action). Dropped before every change, so a failed save or clear is read afresh.
   */
  let lent: { authId: string; authToken: string } | null = null;
  // Bumped by every save and clear: a keychain read that began before one must not lend what it found.
  let changes = 0;

  /** The credentials to send with: the copy held, or a fresh read, which is kept only if no save or clear came meanwhile. */
  async function lend(): Promise<Result<{ authId: string; authToken: string }>> {
    for (;;) {
      if (lent !== null) return ok(lent);
      const before = changes;
      const found = await withKeychain('use', async (k) => (await entries(k))[0] ?? null);
      if (!found.ok) return found;
      if (found.value === null) {
        logger.warn({ operation: 'use' }, 'no credentials saved');
        return fail('credentials_missing', MISSING);
      }
      // A save or clear while this read waited its turn: read again rather than lend what it replaced.
      if (changes === before) lent = { authId: found.value.account, authToken: found.value.password };
    }
  }

  async function save(input: unknown): Promise<Result<CredentialStatus>> {
    const parsed = v.safeParse(CredentialsSchema, input);
    if (!parsed.success) return refused('save', parsed.issues[0]);
    const { authId, authToken } = parsed.output;
    lent = null;
    changes += 1;
    const saved = await withKeychain('save', async (k) => {
      // Set first and prune after, so a failure never leaves the agent with no credentials at all.
      await k.setPassword(service, authId, authToken);
      for (const { account } of await entries(k)) {
        if (account !== authId) await k.deletePassword(service, account);
      }
    });
    if (!saved.ok) return saved;
    lent = { authId, authToken };
    logger.info({ operation: 'save', authId: mask(authId) }, 'credentials saved');
    return ok(credentialStatus(authId));
  }

  return {
    async status() {
      // keytar cannot list accounts without their passwords: the token is read here too, and
      // dropped with `found` when this returns; only the account name leaves.
      const found = await withKeychain('status', entries);
      if (!found.ok) return found;
      const [entry] = found.value;
      // Changed or removed outside Handoff (the Auth ID or only the token): the next action reads it again.
      if (entry?.account !== lent?.authId || entry?.password !== lent?.authToken) lent = null;
      return ok(credentialStatus(entry?.account ?? null));
    },

    save,

    async replace(input) {
      const parsed = v.safeParse(CredentialsChangeSchema, input);
      if (!parsed.success) return refused('replace', parsed.issues[0]);
      const found = await withKeychain('replace', async (k) => (await entries(k))[0] ?? null);
      if (!found.ok) return found;
      if (found.value === null) return fail('credentials_missing', MISSING);
      return save({
        authId: parsed.output.authId ?? found.value.account,
        authToken: parsed.output.authToken ?? found.value.password,
      });
    },

    async clear() {
      lent = null;
      changes += 1;
      const cleared = await withKeychain('clear', async (k) => {
        for (const { account } of await entries(k)) await k.deletePassword(service, account);
      });
      if (!cleared.ok) return cleared;
      logger.info({ operation: 'clear' }, 'credentials cleared');
      return ok(credentialStatus(null));
    },

    async use(fn) {
      const credentials = await lend();
      return credentials.ok ? fn(credentials.value) : credentials;
    },
  };
}

/** What the renderer may know of saved credentials: whether they are set, and the Auth ID masked. */
export function credentialStatus(authId: string | null): CredentialStatus {
  return { set: authId !== null, authIdMasked: authId === null ? null : mask(authId) };
}

function mask(authId: string): string {
  return `${authId.slice(0, 2)}…${authId.slice(-2)}`;
}
