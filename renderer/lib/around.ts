/**
 * A message with an element inside it (an address in monospace, a path kept left-to-right): the
 * message is formatted whole, with a marker standing for that one argument, and split around it.
 * The translation decides where the element goes, and no sentence is glued together from parts.
 */

/** A private-use character: no message or argument contains it. */
const MARKER = '\uE000';

// In a right-to-left language the translator isolates string arguments (FSI … PDI); the element
// that takes the marker's place isolates itself (<bdi>), so those go with the marker.
const AT_MARKER = /\u2068?\uE000\u2069?/;

/**
 * The words before and after the argument `format` puts the marker in, e.g.
 * `around((url) => t('settings.requestsGo', { url }))` for `{before}<bdi>{url}</bdi>{after}`.
 */
export function around(format: (marker: string) => string): [before: string, after: string] {
  const [before = '', ...after] = format(MARKER).split(AT_MARKER);
  return [before, after.join('')];
}
