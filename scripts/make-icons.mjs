#!/usr/bin/env node
/**
 * Renders assets/icon.svg into every icon file the window and the installers read, so one drawing
 * is the source of all of them:
 *
 *   assets/icons/NxN.png   the Linux targets' icon set (electron-builder reads the folder by size)
 *   assets/icon.png        the window's icon on Linux and Windows (512 px)
 *   assets/icon.ico        Windows: the .exe, the installers, the Start menu
 *   assets/icon.icns       macOS: the app bundle, the dmg and the pkg
 *   assets/icon-manifest.json  hashes of the SVG and of each file, so a test can tell the committed
 *                          files were rendered from the SVG as it is now
 *
 *   npm run icons
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
// Rendered one by one rather than scaled down from the largest: a 16 px render keeps whole-pixel
// edges where downscaling a 1024 px image would blur them.
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const WINDOW_ICON_SIZE = 512;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const svg = readFileSync(join(ASSETS, 'icon.svg'));
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

/** @type {Record<string, Buffer>} relative path under assets/ to its bytes */
const files = {};
for (const size of SIZES) files[`icons/${size}x${size}.png`] = render(size);
const largest = files['icons/1024x1024.png'];
files['icon.png'] = files[`icons/${WINDOW_ICON_SIZE}x${WINDOW_ICON_SIZE}.png`];
// png2icons scales the 1024 px render to each size the formats hold; 0 colours means lossless.
// forWinExe stores the small sizes as BMP, which older Windows shows in the file's properties.
files['icon.ico'] = png2icons.createICO(largest, png2icons.BICUBIC2, 0, false, true);
files['icon.icns'] = png2icons.createICNS(largest, png2icons.BICUBIC2, 0);

mkdirSync(join(ASSETS, 'icons'), { recursive: true });
for (const [name, bytes] of Object.entries(files)) {
  if (bytes === null) throw new Error(`png2icons could not make assets/${name}`);
  writeFileSync(join(ASSETS, name), bytes);
}
const manifest = {
  source: { 'icon.svg': sha256(svg) },
  files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, sha256(bytes)])),
};
writeFileSync(join(ASSETS, 'icon-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`icons: ${Object.keys(files).length} files from assets/icon.svg`);
