/** Which links leave Handoff for the system browser; everything else goes nowhere. */

// Pages an agent may be sent to from Handoff, opened in the system browser, never in the app.
const EXTERNAL_ALLOWED = ['https://console.plivo.com/', 'https://www.plivo.com/docs/'];

/** Whether a link may open in the system browser: an https page under an allowed prefix, compared after parsing. */
export function isAllowedExternal(url: string): boolean {
  if (!URL.canParse(url)) return false;
  // Parsing first, so user-info tricks (https://console.plivo.com@evil.example/) and odd casing
  // are judged by the host the browser would really open.
  const { href, username, password } = new URL(url);
  return username === '' && password === '' && EXTERNAL_ALLOWED.some((prefix) => href.startsWith(prefix));
}
