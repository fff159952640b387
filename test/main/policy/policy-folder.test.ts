import { describe, expect, it } from 'vitest';
import { policyFolder } from '../../../main/policy/policy-folder';

describe('the policy folder', () => {
  it.each([
    ['win32', { ProgramData: 'D:\\ProgramData' }, 'D:\\ProgramData\\Handoff'],
    ['win32', {}, 'C:\\ProgramData\\Handoff'],
    ['darwin', {}, '/Library/Application Support/Handoff'],
    ['linux', {}, '/etc/handoff'],
    ['freebsd', {}, '/etc/handoff'],
  ] as const)('on %s with %j is %s', (platform, env, folder) => {
    expect(policyFolder(platform, env)).toBe(folder);
  });

  it('is HANDOFF_POLICY_DIR when set, on every platform, and the platform folder when it is blank', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(policyFolder(platform, { HANDOFF_POLICY_DIR: '/tmp/policy' })).toBe('/tmp/policy');
    }
    expect(policyFolder('linux', { HANDOFF_POLICY_DIR: '  ' })).toBe('/etc/handoff');
  });
});
