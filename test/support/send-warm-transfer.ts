/**
 * Sends one warm transfer with the PHLO client as the core builds it, from a process of its own,
 * and prints the result as JSON: Node reads NODE_EXTRA_CA_CERTS only at start, so a test that must
 * trust its own certificate sends from here. The target arrives as JSON in argv[2].
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../main/log/logger';
import { createPhloClient, type PhloTarget } from '../../main/phlo/phlo-client';
import { createPhloHttp } from '../../main/phlo/phlo-http';
import { AGENT, COLLEAGUE } from './numbers';

const target = JSON.parse(process.argv[2] ?? '{}') as PhloTarget;
const logger = createLogger({ dataDir: await mkdtemp(join(tmpdir(), 'handoff-log-')), level: 'silent' });
const client = createPhloClient(createPhloHttp({ env: process.env, logger }), logger);
const result = await client.nodeAction(target, { action: 'warm_transfer', to: COLLEAGUE, role: 'agent', triggerSource: AGENT });
process.stdout.write(JSON.stringify(result));
