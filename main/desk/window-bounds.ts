/**
 * Where the window opens: the size and place the agent left it at on each display, restored only
 * onto a display that is still there and only where most of it lands on that display's work area,
 * so an unplugged monitor or a changed resolution never opens Handoff off screen.
 */
import * as v from 'valibot';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as the shell sees it now. */
export interface DisplayArea {
  id: number;
  workArea: Rect;
}

const RectSchema = v.strictObject({
  x: v.pipe(v.number(), v.integer()),
  y: v.pipe(v.number(), v.integer()),
  width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
});

/** What is stored: the last bounds per display id, and the display the window was last on. */
export const PlacementSchema = v.strictObject({
  byDisplay: v.record(v.pipe(v.string(), v.regex(/^\d+$/)), RectSchema),
  last: v.nullable(v.pipe(v.string(), v.regex(/^\d+$/))),
});

/** See PlacementSchema. */
export type Placement = v.InferOutput<typeof PlacementSchema>;

/** Nothing remembered yet. */
export const NO_PLACEMENT: Placement = { byDisplay: {}, last: null };

/** How much of the window must land on the work area: enough to see it and reach its title bar. */
export const MIN_VISIBLE_SHARE = 0.5;

/** Reads a stored placement; anything that fails the schema (a hand-edited file) counts as none. */
export function readPlacement(stored: unknown): Placement {
  const parsed = v.safeParse(PlacementSchema, stored);
  return parsed.success ? parsed.output : NO_PLACEMENT;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** Whether `bounds` may be restored onto `area`: most of it on the work area, its top edge too. */
export function fitsWorkArea(bounds: Rect, area: Rect, min: { width: number; height: number }): boolean {
  if (bounds.width < min.width || bounds.height < min.height) return false;
  if (bounds.width > area.width || bounds.height > area.height) return false;
  // The title bar must be reachable to drag the window back.
  const topInside = bounds.y >= area.y && bounds.y < area.y + area.height;
  return topInside && overlap(bounds, area) >= MIN_VISIBLE_SHARE * bounds.width * bounds.height;
}

/** The bounds to open with, or null for the default (centred on the primary display). */
export function restoredBounds(placement: Placement, displays: readonly DisplayArea[], min: { width: number; height: number }): Rect | null {
  if (placement.last === null) return null;
  const display = displays.find((d) => String(d.id) === placement.last);
  const bounds = placement.byDisplay[placement.last];
  if (display === undefined || bounds === undefined) return null;
  return fitsWorkArea(bounds, display.workArea, min) ? bounds : null;
}

/** The placement after the window was moved or resized on `displayId`. */
export function remember(placement: Placement, displayId: number, bounds: Rect): Placement {
  const id = String(displayId);
  return { byDisplay: { ...placement.byDisplay, [id]: bounds }, last: id };
}
