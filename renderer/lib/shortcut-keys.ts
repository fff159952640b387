/**
 * The window's side of the shortcut map: which shortcut a key press means here, and pressing it.
 * A shortcut presses the very control that carries its `data-shortcut` (a button, the transfer
 * field), so it obeys everything the control does: disabled while an action runs, absent when the
 * core's rules do not offer it, the close question before a risky close.
 */
import type { Text } from '../../main/contract/text';
import { matchShortcut, WINDOW_SHORTCUTS, type WindowShortcutId } from '../../main/shortcuts/shortcut-map';
import { text } from './words';

/** The shortcut a key press means, with where focus is: plain keys type in fields, chords act everywhere. */
export function shortcutFor(event: KeyboardEvent): WindowShortcutId | null {
  const target = event.target;
  const inField =
    target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select') !== null);
  return matchShortcut({ code: event.code, key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, inField });
}

/** Presses the control for `id`; returns false when the window offers none now. */
export function pressShortcut(id: WindowShortcutId, root: ParentNode = document): boolean {
  const control = root.querySelector<HTMLElement>(`[data-shortcut="${id}"]`);
  // ActionButton marks a waiting action aria-disabled (it keeps focus): pressing it would do nothing.
  if (control === null || control.getAttribute('aria-disabled') === 'true' || control.matches(':disabled')) return false;
  if (control instanceof HTMLInputElement) {
    control.focus();
    control.select();
  } else {
    control.click();
  }
  return true;
}

/** Why a shortcut did nothing, naming its action in the words of the map. */
export function unavailable(id: WindowShortcutId): Text {
  const action = WINDOW_SHORTCUTS.find((shortcut) => shortcut.id === id)?.action;
  return text('shortcutKeys.unavailable', { action: action === undefined ? id : text(action) });
}
