/**
 * Checks a form can make before anything is sent. Addresses are read by the core's own address
 * module (pure, libphonenumber), so the field refuses exactly what the core would refuse, with
 * the same sentence, and an agent's typo never costs a round trip to Plivo.
 */
import { countryProblem, formatAddress, parseAddress } from '../../main/address/address';
import { tick } from 'svelte';
import type { Failure, Result } from '../../main/contract/result';

/** Why the typed text is not an address Plivo can dial, or null when it is one. */
export function addressProblem(text: string, defaultCountry: string): string | null {
  const parsed = parseAddress(text, defaultCountry);
  return parsed.ok ? null : parsed.error.message;
}

/** A stored address as the agent would type it: national format for numbers of their country. */
export function addressForField(address: string | null, defaultCountry: string): string {
  return address === null ? '' : formatAddress(address, defaultCountry);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** The country a code names, so the agent can see that "GB" means what they think. */
export function countryName(code: string): string | null {
  const upper = code.trim().toUpperCase();
  if (countryProblem(upper) !== null) return null;
  return regionNames.of(upper) ?? null;
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

/** Puts a refusal that names one of the form's fields next to that field, and focuses it. */
export async function showFieldFailure<F extends string>(
  result: Result<unknown> | null,
  fields: readonly F[],
  errors: Partial<Record<F, string | null>>,
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
export function describedBy(id: string, messages: { note?: string | null; hint?: string | null; error?: string | null }): string | undefined {
  const ids = (['note', 'hint', 'error'] as const).filter((kind) => (messages[kind] ?? null) !== null).map((kind) => `${id}-${kind}`);
  return ids.length === 0 ? undefined : ids.join(' ');
}
