/**
 * The default-country rule without libphonenumber's metadata, so the window can apply it too: the
 * core passes libphonenumber's own check, the renderer the list the build derived from it.
 */

/** Why a default-country setting cannot be used, or null: the one rule for the file, the form and the core. */
export function countryProblem(code: string, isKnown: (upper: string) => boolean): string | null {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return 'The default country must be a two-letter code such as US or GB.';
  return isKnown(upper) ? null : 'That is not a country code Handoff knows; use one such as US or GB.';
}
