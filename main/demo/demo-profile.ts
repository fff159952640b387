/**
 * The demo: Handoff against its own PHLO simulator, so an agent or a trainer can try every action
 * before Plivo is set up. Its settings live in their own folder and its credentials are the
 * simulator's, held in memory: the agent's settings and keychain are never touched.
 */
import { join } from 'node:path';
import type { CredentialStatus } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import type { CredentialStore } from '../credentials/credential-store';
import type { Logger } from '../log/logger';
import type { PhloClient } from '../phlo/phlo-client';
import { createProfile, type Profile } from '../profile/profile';
import { createSettingsStore } from '../settings/settings-store';
import { startSimulator } from '../simulator/server';

/** The agent's number in the demo; the simulator's call is started between it and the customer. */
export const DEMO_AGENT = '+14152223333';

/** A running demo: its profile, and the simulator to stop when the agent leaves it. */
export interface DemoProfile {
  profile: Profile;
  close(): Promise<void>;
}

/** Starts the simulator on a free loopback port and a profile wired to it. */
export async function startDemoProfile(options: { dataDir: string; phlo: PhloClient; logger: Logger }): Promise<DemoProfile> {
  const logger = options.logger.child({ profile: 'demo' });
  const sim = await startSimulator();
  try {
    const settings = await createSettingsStore({
      dataDir: join(options.dataDir, 'demo'),
      env: { HANDOFF_PHLO_BASE_URL: sim.baseUrl },
      logger,
    });
    // Every field, so a demo folder left by an older version cannot carry values the agent can no longer change.
    const preset = await settings.update({
      phloId: sim.phloId,
      nodeId: sim.nodeId,
      agentAddress: DEMO_AGENT,
      defaultRole: 'agent',
      defaultCountry: 'US',
      requestTimeoutMs: 10000,
    });
    if (!preset.ok) throw new Error(`demo settings refused: ${preset.error.message}`);

    const status: CredentialStatus = { set: true, authIdMasked: `${sim.authId.slice(0, 2)}…${sim.authId.slice(-2)}` };
    const refuse = (): Promise<Result<CredentialStatus>> =>
      Promise.resolve(fail('invalid_state', 'The demo uses the simulator\'s credentials. Leave the demo to save your own.'));
    const credentials: CredentialStore = {
      status: () => Promise.resolve(ok(status)),
      save: refuse,
      clear: refuse,
      use: (fn) => fn({ authId: sim.authId, authToken: sim.authToken }),
    };

    // The demo's settings are fixed: an agent typing real ones here would lose them on leaving.
    const fixedSettings: typeof settings = {
      ...settings,
      view: () => ({ ...settings.view(), editable: false }),
      update: () =>
        Promise.resolve(fail('invalid_state', 'These are the demo\'s settings. Leave the demo to set up your own.')),
    };
    const profile = createProfile({ settings: fixedSettings, credentials, phlo: options.phlo, logger });
    const { session } = profile;
    return {
      profile: {
        ...profile,
        session: {
          ...session,
          // PHLO has no API that starts a call, so the simulator starts the one the agent opens.
          open(input) {
            const opened = session.open(input);
            if (opened.ok) {
              const [agent, customer] = opened.value.participants;
              sim.reset();
              if (agent !== undefined && customer !== undefined) sim.createCall(agent.address, customer.address);
            }
            return opened;
          },
        },
      },
      close: () => sim.close(),
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
