import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/simulator/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', resolve));
}

async function banner(output: () => string): Promise<string> {
  await expect.poll(output, { timeout: 10_000 }).toContain('Press Ctrl+C to stop.');
  return output();
}

function field(text: string, label: string): string {
  const value = new RegExp(`^ {2}${label} +(\\S+)$`, 'm').exec(text)?.[1];
  if (value === undefined) throw new Error(`no ${label} in:\n${text}`);
  return value;
}

describe('npm run simulator', () => {
  it('prints working settings and a curl command that starts a call, and stops on SIGTERM', async () => {
    const { child, output } = runCli(['--port', '0']);
    const text = await banner(output);
    const baseUrl = /HANDOFF_PHLO_BASE_URL=(\S+) npm run preview/.exec(text)?.[1] ?? '';
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
    const authorization = `Basic ${Buffer.from(`${field(text, 'Auth ID')}:${field(text, 'Auth Token')}`).toString('base64')}`;

    const curl = /curl -X POST (\S+) -H 'Content-Type: application\/json' -d '([^']+)'/.exec(text);
    if (curl?.[1] === undefined || curl[2] === undefined) throw new Error(`no curl command in:\n${text}`);
    const members = JSON.parse(curl[2]) as { agent: string; customer: string };
    for (const address of [members.agent, members.customer]) expect(parsePhoneNumberFromString(address)?.isValid()).toBe(true);
    const created = await fetch(curl[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: curl[2] });
    expect(created.status).toBe(201);

    const hold = await fetch(
      `${baseUrl}phlo/${field(text, 'PHLO ID')}/multi_party_call/${field(text, 'Node ID')}/members/${encodeURIComponent(members.customer)}`,
      { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: '{"action": "hold"}' },
    );
    expect(hold.status).toBe(201);
    expect(field(text, 'Your number')).toBe(members.agent);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('PHLO simulator stopped.');
  });

  it('says so when the port is taken', async () => {
    const first = runCli(['--port', '0']);
    const port = /127\.0\.0\.1:(\d+)/.exec(await banner(first.output))?.[1] ?? '';
    const second = runCli(['--port', port]);
    expect(await exited(second.child)).toBe(1);
    expect(second.output()).toContain(`Port ${port} is in use: pick another with --port N.`);
  });

  it('takes the port from PORT, with --port winning over it', async () => {
    const fromEnv = runCli([], { PORT: '0' });
    expect(await banner(fromEnv.output)).not.toContain(':8787');
    const refused = runCli(['--port', 'x'], { PORT: '0' });
    expect(await exited(refused.child)).toBe(2);
    expect(refused.output()).toContain('The port must be a whole number from 0 to 65535.');
  });
});
