/**
 * Builds the real core in a process of its own and sends it channel requests, printing what each
 * answered as one JSON line: for tests whose keychain lives in another D-Bus session, or whose
 * process may crash. argv[2] is JSON: { dataDir, service, env, calls: [[channel, payload?], ...] }.
 */
import { createCore } from '../../main/core';
import { dispatch } from '../../main/handlers/channel-handlers';
import { CATALOG_DIR } from './catalogs';

/** What the parent asks for. */
export interface CoreChildJob {
  dataDir: string;
  service: string;
  env: Record<string, string>;
  calls: [channel: string, payload?: unknown][];
}

const job = JSON.parse(process.argv[2] ?? '{}') as CoreChildJob;
const core = await createCore({ dataDir: job.dataDir, env: job.env, keychainService: job.service, catalogDir: CATALOG_DIR });
const results: unknown[] = [];
for (const [channel, payload] of job.calls) results.push(await dispatch(core.handlers, channel, payload, core.logger));
await core.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
