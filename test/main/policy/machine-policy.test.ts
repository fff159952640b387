import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Text } from '../../../main/contract/text';
import { createLogger } from '../../../main/log/logger';
import { loadPolicy, type Policy } from '../../../main/policy/machine-policy';
import type { PlistToJson } from '../../../main/policy/managed-preferences';
import { POLICY_KEY, type RegQuery } from '../../../main/policy/registry-policy';
import { english } from '../../support/english';
import { useTempDirs } from '../../support/temp-dir';

const PHLO_ID = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
const OTHER_PHLO_ID = '0f1e2d3c-4b5a-4e6a-9d7c-c1a8d3e25b4f';
const NODE_ID = 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a';
const recorded = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reg-query', name), 'utf8');

const tempDir = useTempDirs();

/** What the agent reads of a policy's problems, in English, one paragraph a line. */
const said = (policy: Policy) => policy.problems.map(english).join('\n');

/** A policy folder holding `policy.json` as given (text as is, anything else as JSON), and the log beside it. */
async function machine(policy?: unknown) {
  const root = await tempDir();
  const folder = join(root, 'policy');
  await mkdir(folder);
  if (policy !== undefined) await writeFile(join(folder, 'policy.json'), typeof policy === 'string' ? policy : JSON.stringify(policy));
  const logger = createLogger({ dataDir: root });
  return {
    folder,
    load: (platform: NodeJS.Platform = 'linux', query: RegQuery = noRegistry, plutil: PlistToJson = noProfile) =>
      loadPolicy({ platform, env: { HANDOFF_POLICY_DIR: folder }, query, plutil, logger }),
    log: () => readFile(join(root, 'logs', 'handoff.log'), 'utf8'),
  };
}

const ABSENT = { exitCode: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
const noRegistry: RegQuery = () => Promise.resolve(ABSENT);
const noProfile: PlistToJson = () => Promise.resolve({ json: null, problem: null });
/** reg.exe printing the recorded output given per subkey, and "not found" for the others. */
const registry =
  (answers: { Defaults?: string; Enforced?: string }): RegQuery =>
  (key) => {
    const text = answers[key.slice(POLICY_KEY.length + 1) as 'Defaults' | 'Enforced'];
    return Promise.resolve(text === undefined ? ABSENT : { exitCode: 0, stdout: text, stderr: '' });
  };

describe('the policy file', () => {
  it('is no policy and no problem when there is none', async () => {
    expect(await (await machine()).load()).toEqual({ defaults: {}, enforced: {}, problems: [] });
  });

  it('reads both sections through the settings rules, normalising as settings.json does', async () => {
    const { load } = await machine({
      defaults: { defaultCountry: 'gb', requestTimeoutMs: 20000 },
      enforced: { phloId: ` ${PHLO_ID} `, nodeId: NODE_ID, allowDemo: false, phloBaseUrl: 'https://phlo.example.com/v1' },
    });
    expect(await load()).toEqual({
      defaults: { defaultCountry: 'GB', requestTimeoutMs: 20000 },
      enforced: { phloId: PHLO_ID, nodeId: NODE_ID, allowDemo: false, phloBaseUrl: 'https://phlo.example.com/v1' },
      problems: [],
    });
  });

  it('reads an agent number with the country the policy sets, and stores it as Plivo takes it', async () => {
    const { load } = await machine({ defaults: { defaultCountry: 'GB' }, enforced: { agentAddress: '020 7946 0018' } });
    expect((await load()).enforced).toEqual({ agentAddress: '+442079460018' });
  });
});

describe('a policy with mistakes: the valid part is used, the rest reported and logged, nothing thrown', () => {
  it.each([
    ['not JSON', '{ "enforced": ', /policy\.json is not valid JSON/],
    ['a JSON array', '[]', /policy\.json does not hold a JSON object/],
    ['a section that is not an object', { enforced: [PHLO_ID] }, /policy\.json "enforced" is ignored: it must be a JSON object of settings\./],
  ])('%s: nothing of it is used', async (_case, content, problem) => {
    const { load, log } = await machine(content);
    const policy = await load();
    expect(policy).toMatchObject({ defaults: {}, enforced: {} });
    expect(policy.problems).toHaveLength(1);
    expect(said(policy)).toMatch(/^Handoff ignores part of your organization's policy \(tell your IT team\): /);
    expect(said(policy)).toMatch(problem);
    expect(await log()).toMatch(/"level":40.*machine policy: part of it is ignored/);
  });

  it.each<[string, Record<string, Record<string, unknown>>, RegExp]>([
    ['an unknown part', { enforce: { phloId: PHLO_ID } }, /has parts Handoff does not know, which it ignores: enforce\. The known ones are defaults and enforced\./],
    ['an unknown setting', { enforced: { phloID: PHLO_ID } }, /"enforced" has settings Handoff does not know, which it ignores: phloID\. The known ones are phloId, nodeId, /],
    // Valibot's own words are for developers: the agent reads the one refusal that fits every field.
    ['a wrong type', { enforced: { requestTimeoutMs: '20000' } }, /"enforced": "requestTimeoutMs" is ignored: Handoff cannot use that value\./],
    ['a boolean as text', { enforced: { allowDemo: 'false' } }, /"enforced": "allowDemo" is ignored: allowDemo must be true or false\./],
    ['a base URL that is not https', { enforced: { phloBaseUrl: 'http://phlo.example.com/v1/' } }, /"phloBaseUrl" is ignored: The PHLO base URL must use https/],
    ['a value the rules refuse', { enforced: { requestTimeoutMs: 5 } }, /"requestTimeoutMs" is ignored: The request timeout must be at least 1000 ms\./],
    ['an unknown country', { defaults: { defaultCountry: 'ZZ' } }, /"defaults": "defaultCountry" is ignored: That is not a country code Handoff knows/],
    ['a number that cannot be read', { enforced: { agentAddress: '12' } }, /enforced "agentAddress" is ignored: 12 is too short/],
  ])('%s: that field is skipped, the others used', async (_case, content, problem) => {
    const { load } = await machine({ ...content, defaults: { defaultRole: 'customer', ...content['defaults'] } });
    const policy = await load();
    expect(said(policy)).toMatch(problem);
    expect(policy.defaults).toMatchObject({ defaultRole: 'customer' });
    expect(policy.enforced).toEqual({});
  });

  it('names every mistake at once, so IT fixes them in one go', async () => {
    const { load } = await machine({ defaults: { defaultCountry: 'ZZ' }, enforced: { phloId: 'nope', nodeId: NODE_ID } });
    const policy = await load();
    expect(policy.enforced).toEqual({ nodeId: NODE_ID });
    // One paragraph each, each saying it is the organization's policy.
    expect(policy.problems.map(english)).toEqual([
      expect.stringMatching(/^Handoff ignores part of your organization's policy \(tell your IT team\): .*"defaultCountry" is ignored/),
      expect.stringMatching(/^Handoff ignores part of your organization's policy \(tell your IT team\): .*"phloId" is ignored: The PHLO ID must be a UUID/),
    ]);
  });

  it('reports a folder in place of the file, without throwing', async () => {
    const { folder, load } = await machine();
    await mkdir(join(folder, 'policy.json'));
    expect(said(await load())).toMatch(/could not read .*policy\.json \(EISDIR/);
  });

  it('reports a file it may not read (EACCES), without throwing', async () => {
    const { folder } = await machine({ enforced: { phloId: PHLO_ID } });
    await chmod(join(folder, 'policy.json'), 0o000);
    // root reads anything: the check then runs as an unprivileged user, as an agent's Handoff would.
    const asAgent = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    // The temporary folder is its creator's only; the policy folder on a real machine is readable by all.
    await chmod(join(folder, '..'), 0o755);
    const script = `import(${JSON.stringify(join(import.meta.dirname, '../../../main/policy/policy-file.ts'))})
      .then((m) => m.readPolicyFile(${JSON.stringify(folder)})).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { ...asAgent, encoding: 'utf8' });
    const read = JSON.parse(output) as { sections: unknown[]; problems: Text[] };
    expect(read.sections).toEqual([]);
    expect(read.problems.map(english)).toEqual([
      `Handoff could not read ${join(folder, 'policy.json')} (EACCES: permission denied, open '${join(folder, 'policy.json')}').`,
    ]);
  });
});

describe('the registry over the file (Windows)', () => {
  it('reads the registry only on Windows', async () => {
    let asked = 0;
    const counting: RegQuery = (key) => {
      asked += 1;
      return noRegistry(key);
    };
    const { load } = await machine();
    await load('linux', counting);
    await load('darwin', counting);
    expect(asked).toBe(0);
    await load('win32', counting);
    expect(asked).toBe(2);
  });

  it('merges field by field, the registry winning where both set a field', async () => {
    const { load } = await machine({
      defaults: { defaultCountry: 'FR', agentAddress: '+33142685300' },
      enforced: { phloId: OTHER_PHLO_ID, defaultRole: 'customer' },
    });
    const policy = await load('win32', registry({ Defaults: recorded('defaults.txt'), Enforced: recorded('enforced.txt') }));
    expect(policy).toEqual({
      defaults: {
        defaultCountry: 'GB',
        agentAddress: '+33142685300',
        defaultRole: 'customer',
        phloBaseUrl: 'https://phlo.example.com/v1',
        requestTimeoutMs: 15000,
      },
      enforced: { phloId: PHLO_ID, nodeId: NODE_ID, defaultRole: 'customer', requestTimeoutMs: 20000, allowDemo: false },
      problems: [],
    });
  });

  it('checks registry values by the same rules, naming the key', async () => {
    const { load } = await machine({ enforced: { phloId: OTHER_PHLO_ID } });
    const policy = await load('win32', registry({ Enforced: recorded('bad-values.txt') }));
    // The file's PHLO ID stays: the registry's was unusable.
    expect(policy.enforced).toEqual({ phloId: OTHER_PHLO_ID });
    const where = `${POLICY_KEY}\\Enforced`;
    for (const problem of [
      `${where} has settings Handoff does not know, which it ignores: Agent Number.`,
      `${where}: "phloId" is ignored: Handoff cannot use that value.`,
      `${where}: "requestTimeoutMs" is ignored: Handoff cannot use that value.`,
      `${where}: "allowDemo" is ignored: allowDemo must be true or false.`,
      `${where}: "defaultRole" is ignored:`,
      `${where}: "phloBaseUrl" is ignored: The PHLO base URL must use https`,
      `${where}: "nodeId" is ignored: The node ID must be a UUID`,
    ]) {
      expect(said(policy)).toContain(problem);
    }
  });
});
