import { describe, expect, it } from 'vitest';
import { fitsWorkArea, NO_PLACEMENT, readPlacement, remember, restoredBounds } from '../../../main/desk/window-bounds';

const MIN = { width: 360, height: 480 };
const LAPTOP = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 860 } };
const MONITOR = { id: 2, workArea: { x: 1440, y: 0, width: 1920, height: 1040 } };
const onMonitor = { x: 2900, y: 100, width: 420, height: 680 };

describe('window bounds', () => {
  it('restores the bounds of the display the window was last on', () => {
    const placement = remember(remember(NO_PLACEMENT, 1, { x: 10, y: 10, width: 420, height: 680 }), 2, onMonitor);
    expect(restoredBounds(placement, [LAPTOP, MONITOR], MIN)).toEqual(onMonitor);
  });

  it('opens at the default when that display is gone (the monitor was unplugged)', () => {
    const placement = remember(NO_PLACEMENT, 2, onMonitor);
    expect(restoredBounds(placement, [LAPTOP], MIN)).toBeNull();
  });

  it('opens at the default when nothing was remembered', () => {
    expect(restoredBounds(NO_PLACEMENT, [LAPTOP], MIN)).toBeNull();
  });

  it.each([
    ['mostly off the right edge', { x: 1300, y: 100, width: 420, height: 680 }, false],
    ['half on, title bar on', { x: 1230, y: 100, width: 420, height: 680 }, true],
    ['title bar above the work area', { x: 100, y: -20, width: 420, height: 680 }, false],
    ['taller than the work area (the resolution went down)', { x: 0, y: 0, width: 420, height: 900 }, false],
    ['smaller than the window allows', { x: 0, y: 0, width: 200, height: 680 }, false],
    ['fully inside', { x: 100, y: 100, width: 420, height: 680 }, true],
  ])('%s: %s', (_what, bounds, fits) => {
    expect(fitsWorkArea(bounds, LAPTOP.workArea, MIN)).toBe(fits);
  });

  it('reads only a well-formed stored placement', () => {
    const good = remember(NO_PLACEMENT, 1, { x: 10, y: 10, width: 420, height: 680 });
    expect(readPlacement(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(readPlacement({ byDisplay: { 1: { x: 'a' } }, last: '1' })).toEqual(NO_PLACEMENT);
    expect(readPlacement(null)).toEqual(NO_PLACEMENT);
    expect(readPlacement({ byDisplay: {}, last: '1', extra: true })).toEqual(NO_PLACEMENT);
  });
});
