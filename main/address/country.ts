/**
 * The default-country rule without libphonenumber's metadata, so the window can apply it too: the
 * core passes libphonenumber's own check, the renderer the list the build derived from it.
 */
import { text, type Text } from '../contract/text';

/** Why a default-country setting cannot be used, or null: the one rule for the file, the form and the core. */
export function countryProblem(code: string, isKnown: (upper: string) => boolean): Text | null {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return text('address.countryNotTwoLetters');
  return isKnown(upper) ? null : text('address.countryUnknown');
}
