/**
 * The one door to the core. Only this file reads `window.handoff`, which the preload (Electron) or
 * the preview bridge (browser) defines before the app starts; everything else receives the API as
 * a value, so the rest of the renderer can be driven by any object of the same type.
 */
import type { HandoffApi } from '../../main/contract/bridge';
import type { Failure, Result } from '../../main/contract/result';

declare global {
  interface Window {
    /** Missing only when the page is opened without Handoff's preload or preview bridge. */
    readonly handoff?: HandoffApi;
  }
}

/** The bridge, or null when the page runs without one, so the app can say so instead of crashing. */
export function connectBridge(): HandoffApi | null {
  return window.handoff ?? null;
}

/** The failure for a request whose answer never came back: the core may or may not have acted on it. */
function lostContact(reason: unknown): Failure {
  const message = { id: 'error.lostContact' } as const;
  return reason instanceof Error && reason.message !== '' ? { code: 'internal', message, detail: { cause: reason.message } } : { code: 'internal', message };
}

/**
 * Awaits one bridge call. A refusal already arrives as a failed result; only a broken transport
 * rejects, and that becomes a failed result too, so callers handle exactly one shape.
 */
export async function settle<T>(request: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request();
  } catch (error) {
    return { ok: false, error: lostContact(error) };
  }
}
