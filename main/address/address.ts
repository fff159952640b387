/**
 * Member addresses: what an agent types becomes exactly what Plivo accepts, an E.164 number or a
 * SIP URI (see ../../../shared/docs/phlo-mpc-api.md, "The multi-party call (MPC) node").
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import { fail, ok, type Result } from '../contract/result';
import { text, type MessageId, type Text } from '../contract/text';
import { countryProblem as countryRule } from './country';

/** What an address may look like, said after every refusal. */
const ACCEPTED = text('address.accepted', {
  localExample: '(415) 222-5555',
  internationalExample: '+44 20 7946 0000',
  sipExample: 'sip:alice@phone.plivo.com',
});

/** A refusal of typed text; every one names what would have been accepted. */
function refuse(id: MessageId, params: Readonly<Record<string, string>> = {}): Result<never> {
  return fail('invalid_address', text(id, { ...params, accepted: ACCEPTED }));
}

// RFC 3261 userinfo characters, and a host that is a DNS name, an IPv4 address or a bracketed IPv6
// address, with an optional port. Parameters and headers are not member addresses, so they are refused.
const SIP_URI =
  /^sip:([A-Za-z0-9\-_.!~*'()&=+$,;?/%]+)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** Whether a default-country setting is one libphonenumber can read numbers for. */
function isKnownCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/** Why a default-country setting cannot be used, or null, as libphonenumber's metadata decides. */
export function countryProblem(code: string): Text | null {
  return countryRule(code, isKnownCountry);
}

/** Turns typed text into the address Plivo takes, or says in one sentence why it cannot be one. */
export function parseAddress(typed: string, defaultCountry: string): Result<string> {
  const input = typed.trim();
  if (input === '') return refuse('address.empty');
  if (/^sips?:/i.test(input)) return parseSip(input);
  if (input.includes('@')) return refuse('address.sipWithoutScheme');
  return parsePhone(input, defaultCountry);
}

/** How an address is shown to people: national format for numbers of the agent's country. */
export function formatAddress(address: string, defaultCountry: string): string {
  if (address.startsWith('sip:')) return address;
  const phone = parsePhoneNumberFromString(address);
  if (phone === undefined) return address;
  return phone.country === defaultCountry ? phone.formatNational() : phone.formatInternational();
}

function parseSip(input: string): Result<string> {
  if (/^sips:/i.test(input)) return refuse('address.secureSip');
  const uri = `sip:${input.slice(4)}`;
  const match = SIP_URI.exec(uri);
  if (match === null) {
    const missingHost = !uri.includes('@') || uri.endsWith('@');
    return missingHost ? refuse('address.sipWithoutHost') : refuse('address.notSip', { input });
  }
  const port = match[3];
  if (port !== undefined && Number(port) > 65535) return refuse('address.sipPortOutOfRange', { port });
  // Host names are case-insensitive (RFC 3261 §19.1.4); the user part is not.
  return ok(`sip:${match[1]}@${(match[2] ?? '').toLowerCase()}${port === undefined ? '' : `:${port}`}`);
}

function parsePhone(input: string, defaultCountry: string): Result<string> {
  if (/[A-Za-z]/.test(input)) {
    return refuse('address.lettersInNumber');
  }
  if (!/^\+?[\d\s().\-/]+$/.test(input)) {
    return refuse('address.notPhoneNumber', { input });
  }
  const country = isKnownCountry(defaultCountry) ? defaultCountry : undefined;
  if (!input.startsWith('+') && country === undefined) {
    return fail('invalid_address', text('address.noCountry'));
  }
  const phone = parsePhoneNumberFromString(input, country);
  if (phone?.isValid()) return ok(phone.number);
  const length = validatePhoneNumberLength(input, country);
  // A national number is read with the default country, so the sentence names it and the way out.
  const national = !input.startsWith('+');
  const said = (international: MessageId, forCountry: MessageId): Result<string> =>
    fail('invalid_address', national ? text(forCountry, { input, country: defaultCountry }) : text(international, { input }));
  if (length === 'TOO_SHORT') return said('address.tooShort', 'address.tooShortForCountry');
  if (length === 'TOO_LONG') return said('address.tooLong', 'address.tooLongForCountry');
  if (length === 'INVALID_COUNTRY') return fail('invalid_address', text('address.unknownCountryCode', { input }));
  return said('address.invalidNumber', 'address.invalidNumberForCountry');
}
