import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';

let dataDir: string;
const logFile = () => join(dataDir, 'logs', 'handoff.log');
const lines = async () =>
  (await readFile(logFile(), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'handoff-log-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('createLogger', () => {
  it('writes JSON lines to <dataDir>/logs/handoff.log, creating the folder', async () => {
    createLogger({ dataDir }).info({ apiId: 'abc' }, 'phlo answered');
    const [line] = await lines();
    expect(line).toMatchObject({ msg: 'phlo answered', apiId: 'abc', level: 30 });
  });

  it('never writes a token, password or authorization header to the file', async () => {
    const secrets = ['TOKEN-TOP', 'TOKEN-NESTED', 'PASSWORD-TOP', 'PASSWORD-NESTED', 'AUTH-TOP', 'AUTH-NESTED', 'AUTH-HEADERS', 'AUTH-DEEP', 'AUTH-CAPITAL', 'AUTH-CAPITAL-DEEP'];
    createLogger({ dataDir }).error(
      {
        authToken: 'TOKEN-TOP',
        credentials: { authId: 'MA0123456789ABCDEF01', authToken: 'TOKEN-NESTED' },
        password: 'PASSWORD-TOP',
        keychain: { password: 'PASSWORD-NESTED' },
        authorization: 'AUTH-TOP',
        options: { authorization: 'AUTH-NESTED' },
        headers: { authorization: 'AUTH-HEADERS', accept: 'application/json' },
        request: { headers: { authorization: 'AUTH-DEEP' } },
        fetch: { headers: { Authorization: 'AUTH-CAPITAL-DEEP' } },
        Authorization: 'AUTH-CAPITAL',
      },
      'request failed',
    );
    const text = await readFile(logFile(), 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret);
    const [line] = await lines();
    // The rest of the entry survives, so the log is still useful.
    expect(line).toMatchObject({
      msg: 'request failed',
      authToken: '[redacted]',
      credentials: { authId: 'MA0123456789ABCDEF01', authToken: '[redacted]' },
      headers: { authorization: '[redacted]', accept: 'application/json' },
      request: { headers: { authorization: '[redacted]' } },
    });
  });

  it('logs at info by default and at the level asked for', async () => {
    createLogger({ dataDir }).debug('hidden at info');
    createLogger({ dataDir, level: 'debug' }).debug('shown at debug');
    expect((await lines()).map((line) => line['msg'])).toEqual(['shown at debug']);
  });

  it('falls back to info and says so when the level is unknown', async () => {
    const logger = createLogger({ dataDir, level: 'chatty' });
    logger.debug('hidden');
    logger.info('shown');
    expect((await lines()).map((line) => [line['msg'], line['level']])).toEqual([
      ['unknown log level, using info', 40],
      ['shown', 30],
    ]);
  });
});
