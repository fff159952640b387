/**
 * electron-builder run for real on electron-builder.yml, as far as it goes here: it packs the built
 * app for Linux (the `dir` target, no installer) around a stand-in for Electron's binary, since the
 * real one cannot be downloaded. That shows what lands in app.asar and what the fuses become, which
 * the schema check alone cannot.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
// What @electron/fuses looks for in Electron's binary; the fuse wire follows it.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// The V1 fuse wire's order, and Electron's defaults in it ('1' on, '0' off), from
// https://www.electronjs.org/docs/latest/tutorial/fuses
const FUSES = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
] as const;

/** An "Electron" that is only what electron-builder copies and patches: a binary with a fuse wire. */
async function fakeElectron(dir: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from(FUSES.map(([, state]) => state).join(''), 'latin1');
  const binary = Buffer.concat([Buffer.from(`#!/bin/sh\n# ${FUSE_SENTINEL}`), Buffer.from([1, wire.length]), wire, Buffer.from('\n')]);
  await writeFile(join(dir, 'electron'), binary);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'LICENSE'), '');
  await writeFile(join(dir, 'version'), '45.4.1');
}

/** The fuses in a packed binary, by name. */
function readFuses(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  expect(binary[at], 'fuse wire version').toBe(1);
  const wire = binary.toString('latin1', at + 2, at + 2 + FUSES.length);
  return Object.fromEntries(FUSES.map(([name], index) => [name, wire[index] === '1']));
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  unpacked?: boolean;
}

/** Every file in an asar archive, with whether it was left outside the archive. */
function listAsar(archive: Buffer): Map<string, boolean> {
  // A Chromium pickle: sizes as 32-bit words, then the JSON header's length and the header itself.
  const header = JSON.parse(archive.toString('utf8', 16, 16 + archive.readUInt32LE(12))) as AsarEntry;
  const files = new Map<string, boolean>();
  const walk = (entry: AsarEntry, path: string) => {
    if (entry.files === undefined) files.set(path, entry.unpacked === true);
    else for (const [name, child] of Object.entries(entry.files)) walk(child, path === '' ? name : `${path}/${name}`);
  };
  walk(header, '');
  return files;
}

let dir: string;
let appDir: string;
let asar: Map<string, boolean>;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    throw new Error('This test packs the built app, and out/main/index.js is missing: run `npm run build` first.');
  }
  dir = await mkdtemp(join(tmpdir(), 'handoff-pack-'));
  await fakeElectron(join(dir, 'electron'));
  const output = join(dir, 'dist');
  // The project's config, changed only where this machine cannot do what a build box does:
  // Electron's binary comes from the stand-in, and keytar is not rebuilt (that downloads Electron's
  // headers); the packed keytar.node is the one npm ci built.
  await writeFile(
    join(dir, 'electron-builder.yml'),
    [
      'extends: ./electron-builder.yml',
      `electronDist: ${JSON.stringify(join(dir, 'electron'))}`,
      'npmRebuild: false',
      'directories:',
      '  buildResources: assets',
      `  output: ${JSON.stringify(output)}`,
      '',
    ].join('\n'),
  );
  await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'electron-builder'), ['--linux', 'dir', '--config', join(dir, 'electron-builder.yml')], {
    cwd: ROOT,
  });
  appDir = join(output, 'linux-unpacked');
  asar = listAsar(readFileSync(join(appDir, 'resources', 'app.asar')));
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the packed app', () => {
  it('holds the built app and package.json, and nothing else of the project', () => {
    const ownFiles = [...asar.keys()].filter((path) => !path.startsWith('node_modules/'));
    expect(ownFiles).toContain('package.json');
    expect(ownFiles).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
    expect(ownFiles.filter((path) => path !== 'package.json' && !path.startsWith('out/'))).toEqual([]);
  });

  it("leaves out maps, sources and the browser preview's entry points", () => {
    const paths = [...asar.keys()];
    expect(paths.filter((path) => /\.(map|ts|mts|cts)$/.test(path))).toEqual([]);
    expect(paths).not.toContain('out/main/preview.js');
    expect(paths).not.toContain('out/main/simulator.js');
    expect(paths).not.toContain('out/renderer/preview-bridge.js');
  });

  it("carries the window's icon inside the archive, where the built main process looks for it", () => {
    const icon = /join\$?\d*\(import\.meta\.dirname, "\.\/(chunks\/icon-[\w-]+\.png)"\)/.exec(
      readFileSync(join(ROOT, 'out', 'main', 'index.js'), 'utf8'),
    );
    expect(icon?.[1]).toBeDefined();
    expect(asar.get(`out/main/${String(icon?.[1])}`)).toBe(false);
  });

  it("unpacks keytar's native module, which cannot load from inside the archive", () => {
    expect(asar.get('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
    // The production dependencies come along; the development ones do not.
    expect(asar.has('node_modules/pino/package.json')).toBe(true);
    expect([...asar.keys()].some((path) => path.startsWith('node_modules/vitest/'))).toBe(false);
  });

  it("flips Electron's fuses in the binary as electron-builder.yml says", () => {
    expect(readFuses(readFileSync(join(appDir, 'handoff')))).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
