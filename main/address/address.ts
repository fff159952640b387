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
import { countryProblem as countryRule } from './country';

const ACCEPTED =
  'Enter a phone number such as (415) 222-5555 or +44 20 7946 0000, or a SIP address such as sip:alice@phone.plivo.com.';

// RFC 3261 userinfo characters, and a host that is a DNS name, an IPv4 address or a bracketed IPv6
// address, with an optional port. Parameters and headers are not member addresses, so they are refused.
const SIP_URI =
  /^sip:([A-Za-z0-9\-_.!~*'()&=+$,;?/%]+)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** Whether a default-country setting is one libphonenumber can read numbers for. */
function isKnownCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/** Why a default-country setting cannot be used, or null, as libphonenumber's metadata decides. */
export function countryProblem(code: string): string | null {
  return countryRule(code, isKnownCountry);
}

/** Turns typed text into the address Plivo takes, or says in one sentence why it cannot be one. */
export function parseAddress(text: string, defaultCountry: string): Result<string> {
  const input = text.trim();
  if (input === '') return fail('invalid_address', `The address is empty. ${ACCEPTED}`);
  if (/^sips?:/i.test(input)) return parseSip(input);
  if (input.includes('@')) return fail('invalid_address', `A SIP address starts with "sip:". ${ACCEPTED}`);
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
  if (/^sips:/i.test(input)) return fail('invalid_address', `Plivo members are plain "sip:" addresses, not "sips:". ${ACCEPTED}`);
  const uri = `sip:${input.slice(4)}`;
  const match = SIP_URI.exec(uri);
  if (match === null) {
    const missingHost = !uri.includes('@') || uri.endsWith('@');
    return fail(
      'invalid_address',
      missingHost
        ? `The SIP address has no host after "@". ${ACCEPTED}`
        : `"${input}" is not a SIP address Plivo can dial. ${ACCEPTED}`,
    );
  }
  const port = match[3];
  if (port !== undefined && Number(port) > 65535) return fail('invalid_address', `The SIP port ${port} is out of range. ${ACCEPTED}`);
  // Host names are case-insensitive (RFC 3261 §19.1.4); the user part is not.
  return ok(`sip:${match[1]}@${(match[2] ?? '').toLowerCase()}${port === undefined ? '' : `:${port}`}`);
}

function parsePhone(input: string, defaultCountry: string): Result<string> {
  if (/[A-Za-z]/.test(input)) {
    return fail('invalid_address', `A phone number has only digits, spaces and + ( ) - . in it. ${ACCEPTED}`);
  }
  if (!/^\+?[\d\s().\-/]+$/.test(input)) {
    return fail('invalid_address', `"${input}" is not a phone number. ${ACCEPTED}`);
  }
  const country = isKnownCountry(defaultCountry) ? defaultCountry : undefined;
  if (!input.startsWith('+') && country === undefined) {
    return fail('invalid_address', 'Start the number with + and its country code, or set a default country in Settings.');
  }
  const phone = parsePhoneNumberFromString(input, country);
  if (phone?.isValid()) return ok(phone.number);
  const length = validatePhoneNumberLength(input, country);
  const where = input.startsWith('+') ? '' : ` for ${defaultCountry} (start with + to dial another country)`;
  if (length === 'TOO_SHORT') return fail('invalid_address', `${input} is too short to be a phone number${where}.`);
  if (length === 'TOO_LONG') return fail('invalid_address', `${input} is too long to be a phone number${where}.`);
  if (length === 'INVALID_COUNTRY') return fail('invalid_address', `${input} starts with a country code that does not exist.`);
  return fail('invalid_address', `${input} is not a valid phone number${where}.`);
}
