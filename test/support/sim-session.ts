/**
 * A call session wired to a running simulator as the core wires it (the real PHLO client over
 * HTTP), with the simulator's own credentials lent instead of the keychain: for tests about what
 * reaches PHLO, not about where the token is kept.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ofetch } from 'ofetch';
import { DEFAULT_SETTINGS } from '../../main/settings/settings-store';
import type { Settings } from '../../main/contract/domain';
import { createLogger } from '../../main/log/logger';
import { createPhloClient } from '../../main/phlo/phlo-client';
import { createCallSession, type CallSession } from '../../main/session/call-session';
import type { Simulator } from '../../main/simulator/server';
import { AGENT } from './numbers';

/** One silent log for every session a test file builds. */
const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });

/** Settings that point at `sim`, with the agent of test/support/numbers.ts. */
export function simSettings(sim: Simulator, requestTimeoutMs = 2000): Settings {
  return {
    ...DEFAULT_SETTINGS,
    phloId: sim.phloId,
    nodeId: sim.nodeId,
    agentAddress: AGENT,
    phloBaseUrl: sim.baseUrl,
    requestTimeoutMs,
  };
}

/** A session on `sim`; `settings` is read at every request, so a test may change what it returns. */
export function simSession(sim: Simulator, settings: () => Settings, now: () => Date = () => new Date()): CallSession {
  return createCallSession({
    settings: { current: settings, effectivePhloBaseUrl: () => sim.baseUrl },
    credentials: { use: (fn) => fn({ authId: sim.authId, authToken: sim.authToken }) },
    phlo: createPhloClient(ofetch, logger),
    logger,
    now,
  });
}
