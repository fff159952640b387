import { describe, expect, it } from 'vitest';
import {
  globalShortcutProblem,
  matchShortcut,
  tooltip,
  WINDOW_SHORTCUTS,
  type KeyPress,
  type WindowShortcutId,
} from '../../../main/shortcuts/shortcut-map';
import { english } from '../../support/english';

// Every id the type allows, written out: a new id fails to compile here until it is listed, and
// the test below then fails until the map gives it a chord.
const EVERY_ID: Record<WindowShortcutId, true> = {
  'focus-transfer': true,
  'warm-transfer': true,
  'complete-transfer': true,
  'cancel-transfer': true,
  'merge-transfer': true,
  'hold-customer': true,
  'close-call': true,
  'show-shortcuts': true,
};

const press = (changes: Partial<KeyPress>): KeyPress => ({
  code: '',
  key: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  inField: false,
  ...changes,
});

describe('the shortcut map', () => {
  it('gives every action exactly one entry', () => {
    expect(WINDOW_SHORTCUTS.map((s) => s.id).sort()).toEqual(Object.keys(EVERY_ID).sort());
  });

  it('has no two entries on the same chord or label', () => {
    const chords = WINDOW_SHORTCUTS.map(({ chord }) => (chord.alt ? `alt:${chord.code}` : `key:${chord.key}`));
    expect(new Set(chords).size).toBe(chords.length);
    expect(new Set(WINDOW_SHORTCUTS.map((s) => s.chord.label)).size).toBe(WINDOW_SHORTCUTS.length);
  });

  it('keeps clear of text editing and screen readers: Alt chords only, and no macOS Option dead key', () => {
    for (const { chord } of WINDOW_SHORTCUTS) {
      if (chord.alt) expect(['KeyE', 'KeyU', 'KeyN', 'KeyI', 'Backquote']).not.toContain(chord.code);
    }
  });

  it('finds each entry from its own chord, wherever focus is for chords, outside fields for plain keys', () => {
    for (const { id, chord } of WINDOW_SHORTCUTS) {
      const pressed = chord.alt ? press({ code: chord.code, altKey: true }) : press({ key: chord.key, shiftKey: true });
      expect(matchShortcut(pressed)).toBe(id);
      expect(matchShortcut({ ...pressed, inField: true })).toBe(chord.alt ? id : null);
    }
  });

  it('ignores the same keys with Ctrl, Cmd or Shift added, and plain letters', () => {
    expect(matchShortcut(press({ code: 'KeyW', altKey: true, ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press({ code: 'KeyW', altKey: true, metaKey: true }))).toBeNull();
    expect(matchShortcut(press({ code: 'KeyW', altKey: true, shiftKey: true }))).toBeNull();
    expect(matchShortcut(press({ code: 'KeyW', key: 'w' }))).toBeNull();
  });

  it('derives tooltips from the map', () => {
    expect(tooltip('Talk to them first while the others hold.', 'warm-transfer')).toBe('Talk to them first while the others hold. (Alt+W)');
    expect(tooltip(undefined, 'close-call')).toBe('Alt+L');
  });
});

describe('globalShortcutProblem', () => {
  it.each(['CommandOrControl+Alt+H', 'Ctrl+Shift+F9', 'Super+1', 'Alt+Space'])('accepts %s', (accelerator) => {
    expect(globalShortcutProblem(accelerator)).toBeNull();
  });

  it.each([
    ['H', /modifiers and a key/],
    ['Shift+H', /needs Ctrl, Alt, Command or Super/],
    ['Ctrl+Ctrl+H', /each modifier once/],
    ['Hyper+H', /modifiers and a key/],
    ['Ctrl+Alt+', /one letter, digit or F1 to F24/],
    ['Ctrl+Alt+h', /one letter, digit/],
    ['Ctrl+F25', /one letter, digit/],
  ])('refuses %s, with a Text that has no params (a schema carries it as its message)', (accelerator, why) => {
    const problem = globalShortcutProblem(accelerator);
    expect(problem?.params).toBeUndefined();
    expect(problem === null ? null : english(problem)).toMatch(why);
  });
});
