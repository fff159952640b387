/**
 * electron-builder.yml: the installers cannot be built here (Electron's downloads are out of reach),
 * so this checks the file the way electron-builder would read it, against electron-builder's own
 * schema, and holds each packaging decision in place: targets, fuses, no updater, what is packed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { XMLParser } from 'fast-xml-parser';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');
const yamlText = readFileSync(CONFIG_FILE, 'utf8');

/**
 * The schema electron-builder validates with. Unlike electron-builder, no `coerceTypes`: a quoted
 * 'false' for a fuse is an error here, so the file must say exactly what it means.
 */
function compileSchema(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
  // The schema is draft-07 with union types ("type": ["string", "null"]) and one keyword of
  // ajv-keywords, `typeof`, for options only a JavaScript config can give (hooks, signers).
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    validate: (expected: string, data: unknown) => typeof data === expected,
  });
  return ajv.compile(schema);
}

let validate: ValidateFunction;
beforeAll(() => {
  validate = compileSchema();
});

const config = load(yamlText) as Configuration;

/** The schema's verdict on a YAML text, with the errors when it refuses. */
function check(text: string): { valid: boolean; errors: string[] } {
  const valid = validate(load(text));
  return {
    valid,
    errors: (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`),
  };
}

/** The config's text with one piece replaced, failing loudly if that piece is not there. */
function mutate(from: RegExp, to: string): string {
  expect(yamlText, `the config should contain ${String(from)}`).toMatch(from);
  return yamlText.replace(from, to);
}

/** A platform's targets as name to architectures. */
function targets(platform: 'win' | 'mac' | 'linux'): Record<string, unknown> {
  const list = config[platform]?.target;
  expect(Array.isArray(list), `${platform}.target is a list`).toBe(true);
  return Object.fromEntries((list as TargetConfiguration[]).map((entry) => [entry.target, entry.arch]));
}

/** Where electron-builder finds a resource: in buildResources first, then from the project. */
function resource(path: string | null | undefined): string {
  expect(path, 'a resource path').toEqual(expect.any(String));
  const inResources = join(ROOT, config.directories?.buildResources ?? 'build', String(path));
  return existsSync(inResources) ? inResources : join(ROOT, String(path));
}

describe("electron-builder's schema", () => {
  it('accepts electron-builder.yml', () => {
    expect(check(yamlText)).toEqual({ valid: true, errors: [] });
  });

  it('refuses a misspelt top-level key', () => {
    const result = check(mutate(/^nsis:/m, 'nsiss:'));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('"additionalProperty":"nsiss"');
  });

  it('refuses a misspelt option inside a target', () => {
    const result = check(mutate(/^ {2}perMachine: true/m, '  perMachin: true'));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('"additionalProperty":"perMachin"');
  });

  it('refuses a fuse given as a string', () => {
    const result = check(mutate(/^ {2}runAsNode: false/m, "  runAsNode: 'false'"));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('/electronFuses/runAsNode must be boolean');
  });

  it('refuses an unknown fuse', () => {
    const result = check(mutate(/^ {2}runAsNode: false/m, '  runAsNodes: false'));
    expect(result.valid).toBe(false);
  });
});

describe('the app that is packed', () => {
  it('is Handoff, under the id installers and upgrades key on', () => {
    expect(config.appId).toBe('com.handoff.desktop');
    expect(config.productName).toBe('Handoff');
    expect(config.directories).toEqual({ buildResources: 'assets', output: 'dist' });
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
  });

  it("is electron-vite's out/ only, without maps, sources or the preview's entry points", () => {
    const files = config.files as string[];
    expect(files.filter((pattern) => !pattern.startsWith('!'))).toEqual(['out/**']);
    expect(files).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,mts,cts}']));
    expect(files).toEqual(
      expect.arrayContaining(['!out/main/preview.js', '!out/main/simulator.js', '!out/renderer/preview-bridge.js']),
    );
    // package.json's main must be inside what is packed, and be the Electron entry electron-vite builds.
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(packageJson.main).toBe('out/main/index.js');
    expect(readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8')).toMatch(/outDir: 'out\/main'[\s\S]*index: resolve/);
  });

  it('is one asar archive, with only native modules unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(true);
  });

  it('has no update feed: publish is null, not just absent (absent means guess from the repository)', () => {
    expect(Object.keys(config)).toContain('publish');
    expect(config.publish).toBeNull();
  });

  it("sets every fuse Handoff relies on, in Electron's binary", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers the handoff: scheme, on Windows through the NSIS include', () => {
    expect(config.protocols).toEqual([{ name: 'Handoff link', schemes: ['handoff'] }]);
    const include = readFileSync(resource(config.nsis?.include), 'utf8');
    expect(include).toMatch(/!macro customInstall[\s\S]*WriteRegStr SHCTX "Software\\Classes\\handoff" "URL Protocol" ""/);
    expect(include).toMatch(/!macro customUnInstall[\s\S]*DeleteRegKey SHCTX "Software\\Classes\\handoff"/);
  });
});

describe('the Windows installers', () => {
  it('are NSIS and MSI for x64', () => {
    expect(targets('win')).toEqual({ nsis: ['x64'], msi: ['x64'] });
  });

  it('install NSIS per machine, silently with /S, without starting the app or forcing a desktop shortcut', () => {
    expect(config.nsis).toMatchObject({
      artifactName: '${productName}-Setup-${version}.${ext}',
      perMachine: true,
      oneClick: false,
      runAfterFinish: false,
      createDesktopShortcut: false,
      createStartMenuShortcut: true,
    });
  });

  it('install the MSI per machine', () => {
    expect(config.msi).toMatchObject({
      artifactName: '${productName}-${version}.${ext}',
      perMachine: true,
      runAfterFinish: false,
      createDesktopShortcut: false,
    });
  });
});

describe('the macOS installers', () => {
  it('are dmg and pkg for Intel and Apple silicon, with the arch in the name', () => {
    expect(targets('mac')).toEqual({ dmg: ['x64', 'arm64'], pkg: ['x64', 'arm64'] });
    expect(config.dmg?.artifactName).toBe('${productName}-${version}-${arch}.${ext}');
    expect(config.pkg).toMatchObject({ artifactName: '${productName}-${version}-${arch}.${ext}', isRelocatable: false });
  });

  it('sign with the hardened runtime and one entitlements file for the app and its helpers', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true });
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
  });

  it('grant the hardened runtime only the JIT that V8 needs', () => {
    const plist = new XMLParser().parse(readFileSync(resource(config.mac?.entitlements), 'utf8')) as {
      plist: { dict: { key: string | string[]; true?: unknown; false?: unknown } };
    };
    const { dict } = plist.plist;
    expect([dict.key].flat()).toEqual(['com.apple.security.cs.allow-jit']);
    expect(dict).toHaveProperty('true');
    expect(dict).not.toHaveProperty('false');
  });
});

describe('the Linux packages', () => {
  it('are an AppImage and a deb for x64', () => {
    expect(targets('linux')).toEqual({ AppImage: ['x64'], deb: ['x64'] });
  });

  it('describe the app for the desktop and the package manager', () => {
    expect(config.linux).toMatchObject({
      executableName: 'handoff',
      category: 'Network',
      synopsis: expect.stringMatching(/\S/) as unknown,
      maintainer: expect.stringMatching(/^.+ <[^@\s]+@[^@\s]+>$/) as unknown,
    });
  });

  it('make the deb depend on libsecret, which keytar loads to reach the keyring', () => {
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libnss3', 'libgtk-3-0']));
  });
});

describe('the icons the config names', () => {
  it('exist for Windows and macOS', () => {
    expect(readFileSync(resource(config.win?.icon)).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(readFileSync(resource(config.mac?.icon)).toString('latin1', 0, 4)).toBe('icns');
  });

  it('exist for Linux as a folder of NxN.png sizes up to 512 px at least', () => {
    const dir = resource(config.linux?.icon);
    const sizes = readdirSync(dir)
      .map((name) => /^(\d+)x\1\.png$/.exec(name)?.[1])
      .filter((size) => size !== undefined)
      .map(Number);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });
});
