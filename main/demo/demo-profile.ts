/**
 * The demo: Handoff against its own PHLO simulator, so an agent or a trainer can try every action
 * before Plivo is set up. Its settings are fixed and its credentials are the simulator's, both held
 * in memory: nothing is written, and the agent's settings and keychain are never touched.
 */
import type { Settings } from '../contract/domain';
import { fail, ok } from '../contract/result';
import { text } from '../contract/text';
import { credentialStatus, type CredentialStore } from '../credentials/credential-store';
import type { Logger } from '../log/logger';
import type { PhloClient } from '../phlo/phlo-client';
import { createProfile, type Profile } from '../profile/profile';
import { DEFAULT_SETTINGS, settingsView, type SettingsStore } from '../settings/settings-store';
import { startSimulator } from '../simulator/server';

/** The agent's number in the demo; the simulator's call is started between it and the customer. */
const DEMO_AGENT = '+14152223333';

/** A running demo: its profile, and the simulator to stop when the agent leaves it. */
export interface DemoProfile {
  profile: Profile;
  close(): Promise<void>;
}

/** Starts the simulator on a free loopback port and a profile wired to it. */
export async function startDemoProfile(options: { phlo: PhloClient; logger: Logger }): Promise<DemoProfile> {
  const logger = options.logger.child({ profile: 'demo' });
  const sim = await startSimulator();
  const fixed: Settings = {
    ...DEFAULT_SETTINGS,
    phloId: sim.phloId,
    nodeId: sim.nodeId,
    agentAddress: DEMO_AGENT,
    phloBaseUrl: sim.baseUrl,
  };
  // An agent typing real settings here would lose them on leaving, so they cannot be changed.
  const settings: SettingsStore = {
    view: () => settingsView(fixed, fixed.phloBaseUrl, { editable: false, enforced: [] }),
    current: () => ({ ...fixed }),
    effectivePhloBaseUrl: () => fixed.phloBaseUrl,
    problems: () => [],
    dismissProblem: () => undefined,
    update: () => Promise.resolve(fail('invalid_state', text('demo.settingsFixed'))),
  };
  const refuse = () =>
    Promise.resolve(fail('invalid_state', text('demo.credentialsFixed')));
  const credentials: CredentialStore = {
    status: () => Promise.resolve(ok(credentialStatus(sim.authId))),
    save: refuse,
    replace: refuse,
    clear: refuse,
    use: (fn) => fn({ authId: sim.authId, authToken: sim.authToken }),
  };

  const profile = createProfile({ settings, credentials, phlo: options.phlo, logger });
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
}
