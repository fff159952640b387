/**
 * The committed icon files: real PNG, ICO and ICNS files, every size the Linux targets read, and
 * rendered from assets/icon.svg as it is now (scripts/make-icons.mjs, `npm run icons`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const read = (name: string) => readFileSync(join(ASSETS, name));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface Manifest {
  source: Record<string, string>;
  files: Record<string, string>;
}
const manifest = JSON.parse(read('icon-manifest.json').toString('utf8')) as Manifest;

describe('the icon files', () => {
  it('were rendered from the SVG as it is now (else run `npm run icons`)', () => {
    expect(manifest.source['icon.svg']).toBe(sha256(read('icon.svg')));
  });

  it('are the files that render wrote, unedited', () => {
    expect(Object.keys(manifest.files).sort()).toEqual(
      ['icon.icns', 'icon.ico', 'icon.png', ...SIZES.map((size) => `icons/${size}x${size}.png`)].sort(),
    );
    for (const [name, hash] of Object.entries(manifest.files)) expect(sha256(read(name)), name).toBe(hash);
  });

  it('hold one PNG per size the Linux targets read, each its size', () => {
    for (const size of SIZES) expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(read('icon.png'))).toEqual({ width: 512, height: 512 });
  });

  it('include a Windows ICO with the 16 to 256 px images Windows picks from', () => {
    const ico = read('icon.ico');
    // ICONDIR: reserved 0, type 1 (icon), then the image count; a width byte of 0 means 256.
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
  });

  it('include a macOS ICNS whose header length is the file length', () => {
    const icns = read('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('come from an SVG that still renders at the smallest sizes', () => {
    const rendered = new Resvg(read('icon.svg'), { fitTo: { mode: 'width', value: 32 } }).render().asPng();
    expect(pngSize(rendered)).toEqual(pngSize(read('icons/32x32.png')));
  });
});
