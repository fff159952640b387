/**
 * Checks a form can make before anything is sent. Addresses are read by the core (`address:check`),
 * so the field refuses exactly what the core would refuse, with the same sentence, and an agent's
 * typo never costs a round trip to Plivo; libphonenumber's metadata stays out of the window.
 */
import { tick } from 'svelte';
import { countryProblem as countryRule } from '../../main/address/country';
import type { Failure, Result } from '../../main/contract/result';
import type { Text } from '../../main/contract/text';
import type { Shown } from './words';

// Put in by the build (electron.vite.config.ts) from libphonenumber's own list: the core's countries,
// without the metadata behind them.
declare const __HANDOFF_COUNTRIES__: readonly string[];
const COUNTRIES = new Set(__HANDOFF_COUNTRIES__);

/** Why a default-country setting cannot be used, or null: the core's rule over the core's countries (a Text to say). */
export function countryProblem(code: string): Text | null {
  return countryRule(code, (upper) => COUNTRIES.has(upper));
}

/**
 * A field's address check against the core, for blur and submit. Resolves with the problem (null
 * when the text is an address), or with undefined when the answer is stale: a newer check started,
 * or the field no longer holds the text asked about. Typing never waits for it. The problem is the
 * core's Text, said by the field when it shows it.
 */
export function addressCheck(read: () => string, ask: (text: string) => Promise<Result<string>>): () => Promise<Text | null | undefined> {
  let latest = 0;
  return async () => {
    const asked = (latest += 1);
    const text = read();
    const answer = await ask(text);
    if (asked !== latest || read() !== text) return undefined;
    return answer.ok ? null : answer.error.message;
  };
}

/** The country a code names in the agent's language (`language`, a BCP 47 tag), so they can see that "GB" means what they think. */
export function countryName(code: string, language: string): string | null {
  const upper = code.trim().toUpperCase();
  if (countryProblem(upper) !== null) return null;
  return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(upper) ?? null;
}

/** The form field a failure names, if it is one of `fields`. */
export function fieldOf<F extends string>(error: Failure, fields: readonly F[]): F | null {
  const field = error.detail?.field;
  return fields.find((candidate) => candidate === field) ?? null;
}

/** Once the page shows the new errors, moves focus to the first invalid field, so a screen reader reads it at once. */
export async function focusFirstInvalid(form: HTMLFormElement | undefined): Promise<void> {
  await tick();
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** Puts a refusal that names one of the form's fields next to that field (as the core's Text), and focuses it. */
export async function showFieldFailure<F extends string>(
  result: Result<unknown> | null,
  fields: readonly F[],
  errors: Partial<Record<F, Text | null>>,
  form: HTMLFormElement | undefined,
): Promise<void> {
  if (result === null || result.ok) return;
  const field = fieldOf(result.error, fields);
  if (field === null) return;
  errors[field] = result.error.message;
  await focusFirstInvalid(form);
}

/**
 * A blur handler that checks a field as the agent leaves it, except when they are pressing one of
 * the form's own buttons: that submit checks it anyway, and an error appearing mid-click would
 * push the button from under the pointer and swallow the click.
 */
export function checkOnLeave(check: () => void): (event: FocusEvent) => void {
  return (event) => {
    const next = event.relatedTarget;
    const field = event.currentTarget;
    if (next instanceof HTMLButtonElement && field instanceof HTMLInputElement && next.form === field.form) return;
    check();
  };
}

/** The aria-describedby of a field whose FieldMessages are shown, so a screen reader reads them with it. */
export function describedBy(id: string, messages: { note?: Shown | null; hint?: Shown | null; error?: Shown | null }): string | undefined {
  const ids = (['note', 'hint', 'error'] as const).filter((kind) => (messages[kind] ?? null) !== null).map((kind) => `${id}-${kind}`);
  return ids.length === 0 ? undefined : ids.join(' ');
}
