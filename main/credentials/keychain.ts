/**
 * The OS keychain as Handoff uses it: keytar's calls, reached through an interface so the store
 * can be handed a keychain that failed to load without the app failing to start.
 */

/** The part of keytar's API the credential store calls (https://github.com/atom/node-keytar#docs). */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  /** The first password saved under the service; on Linux, also what a locked collection reads as (null) without crashing. */
  findPassword(service: string): Promise<string | null>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/**
 * Loads keytar's native module on first use; a module that will not load (wrong ABI, missing
 * libsecret) rejects with the reason, which the store reports as `keychain_unavailable`.
 */
export async function loadKeytar(): Promise<Keychain> {
  try {
    // keytar is CommonJS: Node exposes its exports object as the default export.
    return (await import('keytar')).default;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the keytar module could not be loaded: ${reason}`, { cause: error });
  }
}
