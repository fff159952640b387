/**
 * Keeps keyboard focus somewhere sensible when the control that had it disappears: a Warm transfer
 * button gives way to the transfer's own buttons, a row loses its actions when its person leaves.
 * Without this, focus falls back to the page and a keyboard or screen reader user starts over.
 */
import type { Attachment } from 'svelte/attachments';

/** Elements marked with this attribute are where focus may land: section headings, with tabindex -1. */
export const FOCUS_HOME = 'data-focus-home';

/**
 * An attachment for the app's root: when the focused element inside it is removed, focus moves to
 * the heading of the section it was in, or else to the first heading marked as a focus home.
 */
export const keepFocus: Attachment<HTMLElement> = (root) => {
  let last: HTMLElement | null = null;
  let home: HTMLElement | null = null;

  const onFocusIn = (event: FocusEvent) => {
    if (!(event.target instanceof HTMLElement)) return;
    last = event.target;
    home = last.closest('section')?.querySelector<HTMLElement>(`[${FOCUS_HOME}]`) ?? null;
  };

  const observer = new MutationObserver(() => {
    if (last === null || last.isConnected) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body && active.isConnected) return;
    const target = home?.isConnected ? home : root.querySelector<HTMLElement>(`[${FOCUS_HOME}]`);
    last = null;
    target?.focus();
  });

  root.addEventListener('focusin', onFocusIn);
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    root.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
};

/**
 * An attachment for the field the agent needs next (Customer number with no call, Transfer to on
 * one): it takes focus when it appears, unless the agent's focus is already somewhere on the page.
 * Checked a frame later, since the control that had focus (Open call, say) goes away in the same update.
 */
export const focusWhenFree: Attachment<HTMLElement> = (field) => {
  const frame = requestAnimationFrame(() => {
    const active = document.activeElement;
    const free = active === null || active === document.body || active.hasAttribute(FOCUS_HOME);
    if (free && field.isConnected) field.focus();
  });
  return () => {
    cancelAnimationFrame(frame);
  };
};

/** An attachment for a question's heading: the question must be read before anything else is done. */
export const focusOnMount: Attachment<HTMLElement> = (heading) => {
  heading.focus();
};
