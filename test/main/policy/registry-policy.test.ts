import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegQuery } from '../../../main/policy/registry-output';
import { POLICY_KEY, readRegistryPolicy, type RegQuery, type RegQueryOutput } from '../../../main/policy/registry-policy';
import { english } from '../../support/english';

/** `reg.exe query` output recorded as Windows prints it: CRLF, values indented four spaces. */
const recorded = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reg-query', name), 'utf8');
const ABSENT: RegQueryOutput = {
  exitCode: 1,
  stdout: '',
  stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n',
};

/** A reg.exe that answers per key, and remembers what it was asked. */
function regExe(answers: Record<string, RegQueryOutput>): RegQuery & { asked: string[] } {
  const asked: string[] = [];
  const query = (key: string) => {
    asked.push(key);
    return Promise.resolve(answers[key] ?? ABSENT);
  };
  return Object.assign(query, { asked });
}
const found = (stdout: string): RegQueryOutput => ({ exitCode: 0, stdout, stderr: '' });

describe('reading reg.exe query output', () => {
  it('reads each value line: REG_SZ as text, REG_DWORD from hex, REG_MULTI_SZ as a list, REG_EXPAND_SZ as written', () => {
    expect(recorded('enforced.txt')).toContain('\r\n');
    expect(parseRegQuery(recorded('enforced.txt'))).toEqual([
      { name: 'phloId', type: 'REG_SZ', data: '73d6ab01-a2f6-4a84-850f-21e1d46b30bf' },
      { name: 'nodeId', type: 'REG_SZ', data: 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a' },
      { name: 'requestTimeoutMs', type: 'REG_DWORD', data: 20000 },
      { name: 'allowDemo', type: 'REG_DWORD', data: 0 },
    ]);
    expect(parseRegQuery(recorded('defaults.txt'))).toEqual([
      { name: 'defaultCountry', type: 'REG_SZ', data: 'GB' },
      { name: 'defaultRole', type: 'REG_MULTI_SZ', data: ['customer'] },
      { name: 'phloBaseUrl', type: 'REG_EXPAND_SZ', data: 'https://phlo.example.com/v1' },
      { name: 'requestTimeoutMs', type: 'REG_SZ', data: '15000' },
    ]);
  });

  it('keeps names with spaces and empty data, splits a list on \\0, and skips the header and subkey lines', () => {
    const values = parseRegQuery(recorded('bad-values.txt'));
    expect(values.map((value) => value.name)).toEqual([
      'phloId',
      'requestTimeoutMs',
      'allowDemo',
      'defaultRole',
      'phloBaseUrl',
      'Agent Number',
      'nodeId',
    ]);
    expect(values.find((value) => value.name === 'defaultRole')?.data).toEqual(['agent', 'customer']);
    expect(values.find((value) => value.name === 'nodeId')?.data).toBe('');
  });
});

describe('the registry policy', () => {
  it('queries the Defaults and Enforced keys and reads each value as its setting expects', async () => {
    const reg = regExe({
      [`${POLICY_KEY}\\Defaults`]: found(recorded('defaults.txt')),
      [`${POLICY_KEY}\\Enforced`]: found(recorded('enforced.txt')),
    });
    const policy = await readRegistryPolicy(reg);
    expect(reg.asked).toEqual([
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Handoff\\Defaults',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Handoff\\Enforced',
    ]);
    expect(policy).toEqual({
      problems: [],
      sections: [
        {
          section: 'defaults',
          where: `${POLICY_KEY}\\Defaults`,
          // A one-string list is that string; a number written as text is the number.
          values: { defaultCountry: 'GB', defaultRole: 'customer', phloBaseUrl: 'https://phlo.example.com/v1', requestTimeoutMs: 15000 },
        },
        {
          section: 'enforced',
          where: `${POLICY_KEY}\\Enforced`,
          // DWORD 0/1 is a boolean field's false/true.
          values: {
            phloId: '73d6ab01-a2f6-4a84-850f-21e1d46b30bf',
            nodeId: 'c1a8d3e2-5b4f-4e6a-9d7c-0f1e2d3c4b5a',
            requestTimeoutMs: 20000,
            allowDemo: false,
          },
        },
      ],
    });
  });

  it('leaves values it cannot read as their field expects untouched, for the settings rules to refuse', async () => {
    const policy = await readRegistryPolicy(regExe({ [`${POLICY_KEY}\\Enforced`]: found(recorded('bad-values.txt')) }));
    expect(policy.sections[0]?.values).toEqual({
      phloId: 1,
      requestTimeoutMs: 'twenty seconds',
      allowDemo: 2,
      defaultRole: ['agent', 'customer'],
      phloBaseUrl: 'http://phlo.example.com/v1/',
      'Agent Number': '+14152223333',
      nodeId: '',
    });
  });

  it('takes absent keys as nothing set, not as a problem', async () => {
    expect(await readRegistryPolicy(regExe({}))).toEqual({ sections: [], problems: [] });
  });

  it('reports a reg.exe that could not run or was stopped, and still reads the other key', async () => {
    const policy = await readRegistryPolicy(
      regExe({
        [`${POLICY_KEY}\\Defaults`]: { exitCode: null, stdout: '', stderr: 'Command failed: reg.exe query (timed out)' },
        [`${POLICY_KEY}\\Enforced`]: found(recorded('enforced.txt')),
      }),
    );
    expect(policy.problems.map(english)).toEqual([
      'Handoff could not read HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Handoff\\Defaults (reg.exe: Command failed: reg.exe query (timed out)).',
    ]);
    const silent = await readRegistryPolicy(regExe({ [`${POLICY_KEY}\\Defaults`]: { exitCode: null, stdout: '', stderr: '  ' } }));
    expect(silent.problems.map(english)).toEqual(['Handoff could not read HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Handoff\\Defaults (reg.exe: no answer).']);
    expect(policy.sections.map((section) => section.section)).toEqual(['enforced']);
  });
});
