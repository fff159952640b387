/**
 * Every keyboard shortcut Handoff has, in one map: the window's key handler, the buttons' tooltips,
 * the Keyboard shortcuts panel and the global (system-wide) registration all read it, so no two can
 * disagree. Pure and free of Node and DOM types, so the renderer imports it too.
 *
 * Why Alt+letter in the window: Ctrl+letter and Ctrl+Shift+letter are text editing and Chromium's
 * own (copy, paste, undo, redo, paste as plain text); screen readers take Insert, Caps Lock and
 * (VoiceOver) Ctrl+Option; Alt+Shift switches keyboard layouts on Windows and Ctrl+Alt is AltGr,
 * which types characters on European layouts. Alt+letter is free once the window has no menu bar
 * (main/electron/app.ts removes it on Windows and Linux, whose Alt mnemonics would take Alt+F, E, V,
 * W, H). The letters avoid macOS's Option dead keys (E, U, N, I, `), so accented letters still type.
 * Keys are matched by physical key (`code`), so a layout or Option's special characters do not matter.
 */

import { text, type MessageId, type Text } from '../contract/text';

/** What each window shortcut does; each id names one action the agent takes often. */
export type WindowShortcutId =
  | 'focus-transfer'
  | 'warm-transfer'
  | 'complete-transfer'
  | 'cancel-transfer'
  | 'merge-transfer'
  | 'hold-customer'
  | 'close-call'
  | 'show-shortcuts';

/** The system-wide shortcut, set in Settings or by policy (off by default). */
export type GlobalShortcutId = 'bring-to-front';

/** Any shortcut of the map. */
export type ShortcutId = WindowShortcutId | GlobalShortcutId;

/**
 * A key combination in the window: a physical key (`code`, e.g. `KeyW`) with Alt, so Option's
 * characters and the layout do not matter; or a character (`key`, e.g. `?`), which sits on
 * different keys (and needs Shift or not) from one layout to the next.
 */
export type Chord = { label: string } & ({ code: string; alt: true } | { key: string; alt: false });

/** One entry of the map. */
export interface Shortcut<Id extends ShortcutId = ShortcutId> {
  id: Id;
  /** What it does, as the panel lists it: a catalog message. */
  action: MessageId;
}

const alt = (letter: string): Chord => ({ code: `Key${letter}`, alt: true, label: `Alt+${letter}` });

/** The window's shortcuts: every chord unique (a test checks it). */
export const WINDOW_SHORTCUTS: readonly (Shortcut<WindowShortcutId> & { chord: Chord })[] = [
  { id: 'focus-transfer', action: 'shortcut.action.focusTransfer', chord: alt('T') },
  { id: 'warm-transfer', action: 'shortcut.action.warmTransfer', chord: alt('W') },
  { id: 'complete-transfer', action: 'shortcut.action.completeTransfer', chord: alt('C') },
  { id: 'cancel-transfer', action: 'shortcut.action.cancelTransfer', chord: alt('X') },
  { id: 'merge-transfer', action: 'shortcut.action.mergeTransfer', chord: alt('M') },
  { id: 'hold-customer', action: 'shortcut.action.holdCustomer', chord: alt('H') },
  { id: 'close-call', action: 'shortcut.action.closeCall', chord: alt('L') },
  // A plain key, not a chord: it never fires while typing in a field (see matchShortcut).
  { id: 'show-shortcuts', action: 'shortcut.action.showShortcuts', chord: { key: '?', alt: false, label: '?' } },
];

/** The global shortcut: its chord is the agent's (Settings) or IT's (policy), so the map holds none. */
export const GLOBAL_SHORTCUT: Shortcut<GlobalShortcutId> = {
  id: 'bring-to-front',
  action: 'shortcut.action.bringToFront',
};

/** The part of a KeyboardEvent the window's handler passes in. */
export interface KeyPress {
  code: string;
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** Whether focus is in a text field or list, where a plain key must type, not act. */
  inField: boolean;
}

/** The window shortcut a key press means, or null. Plain keys never fire while typing in a field. */
export function matchShortcut(press: KeyPress): WindowShortcutId | null {
  if (press.ctrlKey || press.metaKey) return null;
  const found = WINDOW_SHORTCUTS.find(({ chord }) =>
    chord.alt ? press.altKey && !press.shiftKey && chord.code === press.code : !press.altKey && chord.key === press.key,
  );
  if (found === undefined) return null;
  return found.chord.alt || !press.inField ? found.id : null;
}

/** A button's tooltip with its shortcut, so the key is learnt where the action is. */
export function tooltip(text: string | undefined, id: WindowShortcutId): string {
  const chord = WINDOW_SHORTCUTS.find((shortcut) => shortcut.id === id)?.chord.label ?? '';
  return text === undefined || text === '' ? chord : `${text} (${chord})`;
}

// Electron's accelerator words (https://www.electronjs.org/docs/latest/api/accelerator).
const MODIFIERS = new Set(['CommandOrControl', 'CmdOrCtrl', 'Command', 'Cmd', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta']);
const KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Home|End|PageUp|PageDown|Insert)$/;

/**
 * Why a global shortcut cannot be used, or null. A global shortcut takes the key from every other
 * app, so it must hold a modifier other than Shift and one ordinary key; Electron's own grammar.
 * The Texts have no params, so a schema can carry one as its message (a valibot message is a string).
 */
export function globalShortcutProblem(accelerator: string): Text | null {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  if (parts.length === 0 || parts.some((part) => !MODIFIERS.has(part))) return text('shortcut.problem.form');
  if (new Set(parts).size !== parts.length) return text('shortcut.problem.repeated');
  if (parts.every((part) => part === 'Shift')) return text('shortcut.problem.noModifier');
  if (!KEY.test(key)) return text('shortcut.problem.key');
  return null;
}
