/**
 * `npm run simulator`: runs the PHLO simulator in the foreground and prints what to type into
 * Handoff's settings, so a new user can try transfers without a Plivo account.
 */
import { parseArgs } from 'node:util';
import { startSimulator, type Simulator } from './server';

const DEFAULT_PORT = 8787;
// Valid numbers per libphonenumber-js/max, so Handoff's own address check accepts them as typed.
const EXAMPLE_AGENT = '+14152223333';
const EXAMPLE_CUSTOMER = '+14152224444';

const port = readPort();
if (port === undefined) {
  process.stderr.write('Usage: npm run simulator -- [--port N], or PORT=N. The port must be a whole number from 0 to 65535.\n');
  process.exit(2);
}
const simulator = await startSimulator({ port }).catch((error: unknown) => {
  const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
  process.stderr.write(inUse ? `Port ${String(port)} is in use: pick another with --port N.\n` : `The simulator could not start: ${String(error)}\n`);
  process.exit(1);
});
process.stdout.write(banner(simulator));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void simulator.close().then(() => {
    process.stdout.write('PHLO simulator stopped.\n');
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// `--port` wins over `PORT`, the usual order for a command line over its environment.
function readPort(): number | undefined {
  let flag: string | undefined;
  try {
    flag = parseArgs({ options: { port: { type: 'string' } } }).values.port;
  } catch {
    return undefined;
  }
  const text = flag ?? process.env.PORT ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 65535 ? value : undefined;
}

function banner(sim: Simulator): string {
  const newCall = JSON.stringify({ agent: EXAMPLE_AGENT, customer: EXAMPLE_CUSTOMER });
  return [
    `PHLO simulator listening on ${sim.url}`,
    '',
    'Start Handoff pointed at it (where requests go is set by IT, never in the app):',
    `  HANDOFF_PHLO_BASE_URL=${sim.baseUrl} npm run preview`,
    '',
    "Then enter these in Handoff's Settings:",
    `  Auth ID          ${sim.authId}`,
    `  Auth Token       ${sim.authToken}`,
    `  PHLO ID          ${sim.phloId}`,
    `  Node ID          ${sim.nodeId}`,
    `  Your number      ${EXAMPLE_AGENT}`,
    '',
    'Start a live call between the agent and a customer:',
    `  curl -X POST ${sim.url}/_sim/calls -H 'Content-Type: application/json' -d '${newCall}'`,
    '',
    'The Auth Token changes on every start. Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
