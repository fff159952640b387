import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../main/contract/domain';
import { createLogger } from '../../../main/log/logger';
import type { Policy } from '../../../main/policy/machine-policy';
import { text } from '../../../main/contract/text';
import { createSettingsStore, DEFAULT_SETTINGS, type SettingsStore } from '../../../main/settings/settings-store';
import { english } from '../../support/english';
import { useTempDirs } from '../../support/temp-dir';

const PHLO_ID = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
const OTHER_PHLO_ID = '0f1e2d3c-4b5a-4e6a-9d7c-c1a8d3e25b4f';
const NODE_ID = 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a';

const tempDir = useTempDirs();
let dataDir: string;
const settingsFile = () => join(dataDir, 'settings.json');
const open = (policy: Partial<Policy>, env: Record<string, string> = {}) =>
  createSettingsStore({
    dataDir,
    env,
    logger: createLogger({ dataDir: join(dataDir, '..'), level: 'silent' }),
    policy: { defaults: {}, enforced: {}, problems: [], ...policy },
  });
/** The settings problems as the agent reads them in English, one paragraph each. */
const said = (store: SettingsStore) => store.problems().map(english);
/** A policy problem as machine-policy.ts words it. */
const policyProblem = (problem: string) => text('policy.problem.ignored', { problem: text('policy.problem.notObject', { file: problem }) });

beforeEach(async () => {
  dataDir = join(await tempDir(), 'data');
  await mkdir(dataDir);
});

describe('precedence: enforced > the agent\'s settings > policy defaults > built-in defaults', () => {
  // Per row: what each layer sets for defaultCountry, and what Handoff uses.
  it.each([
    [{}, undefined, {}, 'US'],
    [{ defaultCountry: 'GB' }, undefined, {}, 'GB'],
    [{ defaultCountry: 'GB' }, 'FR', {}, 'FR'],
    [{}, 'FR', {}, 'FR'],
    [{ defaultCountry: 'GB' }, 'FR', { defaultCountry: 'DE' }, 'DE'],
    [{}, undefined, { defaultCountry: 'DE' }, 'DE'],
  ] as const)('policy defaults %j, the agent %s, enforced %j: %s', async (defaults, agent, enforced, used) => {
    if (agent !== undefined) await writeFile(settingsFile(), JSON.stringify({ defaultCountry: agent }));
    const store = await open({ defaults, enforced });
    expect(store.current().defaultCountry).toBe(used);
    expect(store.view().settings.defaultCountry).toBe(used);
  });

  it('applies each field from its own highest layer', async () => {
    await writeFile(settingsFile(), JSON.stringify({ phloId: OTHER_PHLO_ID, defaultRole: 'customer' }));
    const store = await open({
      defaults: { defaultRole: 'agent', requestTimeoutMs: 20000, phloBaseUrl: 'https://phlo.example.com/v1' },
      enforced: { phloId: PHLO_ID, nodeId: NODE_ID, allowDemo: false },
    });
    expect(store.view()).toEqual({
      settings: {
        ...DEFAULT_SETTINGS,
        phloId: PHLO_ID,
        nodeId: NODE_ID,
        defaultRole: 'customer',
        requestTimeoutMs: 20000,
        phloBaseUrl: 'https://phlo.example.com/v1/',
        allowDemo: false,
      } satisfies Settings,
      agentDisplayAddress: null,
      effectivePhloBaseUrl: 'https://phlo.example.com/v1/',
      editable: true,
      enforced: ['phloId', 'nodeId', 'allowDemo'],
    });
  });
});

describe('changing settings under policy', () => {
  it('refuses a change to an enforced field with enforced_by_policy, whatever else the change holds, and writes nothing', async () => {
    await writeFile(settingsFile(), `${JSON.stringify({ agentAddress: '+14152225555' }, null, 2)}\n`);
    const before = await readFile(settingsFile());
    const store = await open({ enforced: { phloId: PHLO_ID } });
    const result = await store.update({ phloId: OTHER_PHLO_ID, nodeId: NODE_ID });
    expect(result).toEqual({
      ok: false,
      error: { code: 'enforced_by_policy', message: text('settings.problem.setByOrganization'), detail: { field: 'phloId' } },
    });
    expect(await readFile(settingsFile())).toEqual(before);
    expect(store.current()).toMatchObject({ phloId: PHLO_ID, nodeId: null });
    // Clearing it is a change too.
    expect(await store.update({ phloId: null })).toMatchObject({ ok: false, error: { code: 'enforced_by_policy' } });
    expect(await readFile(settingsFile())).toEqual(before);
  });

  it('accepts the enforced value sent back unchanged (the form sends every field), saving the rest', async () => {
    const store = await open({ enforced: { phloId: PHLO_ID, defaultCountry: 'GB' } });
    const result = await store.update({ phloId: ` ${PHLO_ID} `, defaultCountry: 'gb', nodeId: NODE_ID });
    expect(result).toMatchObject({ ok: true, value: { settings: { phloId: PHLO_ID, nodeId: NODE_ID, defaultCountry: 'GB' } } });
    // Enforced values are the policy's, not the agent's: they stay out of the agent's file.
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ nodeId: NODE_ID });
  });

  it('keeps the agent\'s own value of an enforced field on disk, for when the policy lets go of it', async () => {
    await writeFile(settingsFile(), JSON.stringify({ phloId: OTHER_PHLO_ID }));
    const store = await open({ enforced: { phloId: PHLO_ID } });
    expect(store.current().phloId).toBe(PHLO_ID);
    await store.update({ nodeId: NODE_ID });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ phloId: OTHER_PHLO_ID, nodeId: NODE_ID });
    expect((await open({})).current()).toMatchObject({ phloId: OTHER_PHLO_ID, nodeId: NODE_ID });
  });

  it('stores a policy default only when the agent picks another value', async () => {
    // A base URL without its final slash is still the one the agent inherits, not a change of theirs.
    const store = await open({ defaults: { defaultCountry: 'GB', phloBaseUrl: 'https://phlo.example.com/v1' } });
    await store.update({ defaultCountry: 'GB', phloId: PHLO_ID });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ phloId: PHLO_ID });
    await store.update({ defaultCountry: 'FR' });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ phloId: PHLO_ID, defaultCountry: 'FR' });
  });

  it('never lets the app change where requests go or whether the demo is allowed', async () => {
    const store = await open({});
    for (const patch of [{ phloBaseUrl: 'https://phlo.example.com/v1/' }, { allowDemo: false }]) {
      expect(await store.update(patch)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('policy problems and overrides', () => {
  it('shows the policy problem beside the file\'s; saving clears only the file\'s, dismissing hides both for this run', async () => {
    await writeFile(settingsFile(), JSON.stringify({ colour: 'red' }));
    const store = await open({ problems: [policyProblem('x.json')] });
    expect(said(store)).toEqual([
      expect.stringMatching(/colour/),
      'Handoff ignores part of your organization\'s policy (tell your IT team): x.json does not hold a JSON object.',
    ]);
    await store.update({ phloId: PHLO_ID });
    expect(store.problems()).toEqual([policyProblem('x.json')]);
    store.dismissProblem();
    expect(store.problems()).toEqual([]);
    // A new start (a new store) shows it again: only IT can make it go away.
    expect((await open({ problems: [policyProblem('again.json')] })).problems()).toEqual([policyProblem('again.json')]);
  });

  it('ignores HANDOFF_PHLO_BASE_URL where policy enforces the base URL, and says so', async () => {
    const store = await open({ enforced: { phloBaseUrl: 'https://phlo.example.com/v1/' } }, { HANDOFF_PHLO_BASE_URL: 'http://127.0.0.1:9/v1/' });
    expect(store.effectivePhloBaseUrl()).toBe('https://phlo.example.com/v1/');
    expect(said(store)).toEqual(['HANDOFF_PHLO_BASE_URL is ignored: your organization\'s policy sets where requests go.']);
  });

  it('lets HANDOFF_PHLO_BASE_URL win over a base URL policy only defaults', async () => {
    const store = await open({ defaults: { phloBaseUrl: 'https://phlo.example.com/v1/' } }, { HANDOFF_PHLO_BASE_URL: 'http://127.0.0.1:9/v1/' });
    expect(store.effectivePhloBaseUrl()).toBe('http://127.0.0.1:9/v1/');
    expect(store.problems()).toEqual([]);
  });

  it('shows a language Handoff does not have, set by the file or by policy, as a settings problem, until one it has is chosen', async () => {
    await writeFile(settingsFile(), JSON.stringify({ language: 'tlh' }));
    const store = await open({});
    expect(store.current().language).toBe('tlh');
    expect(store.problems()).toEqual([text('settings.problem.unknownLanguage', { language: 'tlh' })]);
    expect(said(store)).toEqual([expect.stringMatching(/^Handoff has no language "tlh", so it speaks the system's language instead\./)]);
    await store.update({ language: 'de' });
    expect(store.problems()).toEqual([]);

    const enforced = await open({ enforced: { language: 'xx-YY' } });
    expect(enforced.problems()).toEqual([text('settings.problem.unknownLanguage', { language: 'xx-YY' })]);
    enforced.dismissProblem();
    expect(enforced.problems()).toEqual([]);
    expect(await open({ defaults: { language: 'system' } }).then((s) => s.problems())).toEqual([]);
  });
});
