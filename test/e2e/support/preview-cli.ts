/** `npm run preview` as a child process, as a user starts it: the built command line, its output and its exit. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { freePort } from '../../support/free-port';
import { PREVIEW_CLI, RENDERER_DIR, ROOT, requireBuild } from './build';

/** A running preview command: the URL it printed, what it wrote, and the process. */
export interface PreviewCli {
  child: ChildProcess;
  port: number;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Kills it if it is still running; for `finally`. */
  kill(): Promise<void>;
}

/** Resolves with the child's exit code (or signal), or null after `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { resolve(null); }, ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/**
 * Starts the built preview with this process's environment plus `env` (an undefined value unsets
 * one) and `args` after the script (a `handoff:` link), and waits for its URL.
 */
export async function startPreviewCli(env: Record<string, string | undefined>, args: readonly string[] = []): Promise<PreviewCli> {
  requireBuild([PREVIEW_CLI, join(RENDERER_DIR, 'index.html'), join(RENDERER_DIR, 'preview-bridge.js')]);
  const port = await freePort();
  const merged: Record<string, string | undefined> = { ...process.env, PORT: String(port), ...env };
  const childEnv = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const child = spawn(process.execPath, [PREVIEW_CLI, ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited(child, 5_000);
  };
  const urlPattern = new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]+`);
  try {
    await expect.poll(() => urlPattern.exec(stdout)?.[0] ?? `not yet; stdout: ${stdout} stderr: ${stderr}`, { timeout: 15_000 }).toMatch(urlPattern);
  } catch (error) {
    await kill();
    throw error;
  }
  return { child, port, url: urlPattern.exec(stdout)?.[0] ?? '', stdout: () => stdout, stderr: () => stderr, kill };
}
