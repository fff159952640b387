/**
 * Reads a `handoff:` screen-pop link, from a CRM, a softphone's "on answer" hook or the command
 * line. Anything on this machine can send one, so it is read strictly: two hosts, two parameters,
 * bounded lengths, and the number through the very rules a typed one passes (`parseAddress`).
 */
import { formatAddress, parseAddress } from '../address/address';
import type { ScreenPop } from '../contract/domain';
import { fail, ok, type Result } from '../contract/result';
import { text, type MessageId, type TextParam } from '../contract/text';

/** The scheme the installers register and Electron's `setAsDefaultProtocolClient` claims. */
export const LINK_SCHEME = 'handoff';

/** Longer than any real link (a number, a name, the scheme): the rest is someone else's data. */
export const MAX_LINK_LENGTH = 512;
// The same bounds the call form and the contract's AddressText and Label set.
const MAX_TO = 256;
const MAX_NAME = 80;

const SHAPE = /^handoff:\/\/([a-z]+)\/?\?([^#]*)$/i;
const PARAMETERS = new Set(['to', 'name']);
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Why a link was refused, in one sentence the window shows and the log keeps. */
function refuse(id: MessageId, params?: Readonly<Record<string, TextParam>>): Result<ScreenPop> {
  return fail('invalid_input', text(id, params));
}

/** The link's forms, named in the refusal of a link of neither. */
const FORMS = { callForm: 'handoff://call?to=…', transferForm: 'handoff://transfer?to=…' } as const;

/**
 * Checks a link and returns the call or transfer target it names. Percent-decoding is RFC 3986's
 * (`decodeURIComponent`), not a form's: a `+` stays a plus, as a CRM that forgot to encode
 * `+14155550100` means it, and a broken escape is refused rather than kept as typed.
 */
export function parseLink(text: string, defaultCountry: string): Result<ScreenPop> {
  if (text.length > MAX_LINK_LENGTH) return refuse('link.refused.tooLong', { max: MAX_LINK_LENGTH });
  const shape = SHAPE.exec(text);
  if (shape === null) return refuse('link.refused.shape', FORMS);
  const host = (shape[1] ?? '').toLowerCase();
  if (host !== 'call' && host !== 'transfer') return refuse('link.refused.host', { host });
  const values = new Map<string, string>();
  for (const pair of (shape[2] ?? '').split('&')) {
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    if (!PARAMETERS.has(name)) return refuse('link.refused.parameter', { parameter: name.slice(0, 20) });
    if (values.has(name)) return refuse('link.refused.twice', { parameter: name });
    let value: string;
    try {
      value = decodeURIComponent(at < 0 ? '' : pair.slice(at + 1));
    } catch {
      return refuse('link.refused.encoding', { parameter: name });
    }
    if (CONTROL.test(value)) return refuse('link.refused.control', { parameter: name });
    values.set(name, value.trim());
  }
  const to = values.get('to') ?? '';
  if (to === '') return refuse('link.refused.noNumber');
  if (to.length > MAX_TO) return refuse('link.refused.numberTooLong');
  const name = values.get('name') ?? '';
  if (name.length > MAX_NAME) return refuse('link.refused.nameTooLong', { max: MAX_NAME });
  const address = parseAddress(to, defaultCountry);
  if (!address.ok) return refuse('link.refused.address', { reason: address.error.message });
  return ok({ kind: host, to: address.value, displayTo: formatAddress(address.value, defaultCountry), name: name === '' ? null : name });
}

/** The link among command-line arguments (Windows and Linux pass it so), or null. */
export function linkInArgs(args: readonly string[]): string | null {
  return args.find((arg) => arg.toLowerCase().startsWith(`${LINK_SCHEME}:`)) ?? null;
}
