import { describe, expect, it } from 'vitest';
import { countryProblem, formatAddress, parseAddress } from '../../../main/address/address';
import { english } from '../../support/english';

describe('parseAddress', () => {
  it.each([
    ['(415) 222-5555', 'US', '+14152225555'],
    ['415.222.5555', 'US', '+14152225555'],
    ['+1 415 222 5555', 'GB', '+14152225555'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['  +14152223333 ', 'US', '+14152223333'],
  ])('normalises the number %s (default country %s) to E.164', (text, country, expected) => {
    expect(parseAddress(text, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['sip:alice123@phone.plivo.com', 'sip:alice123@phone.plivo.com'],
    ['SIP:alice123@Phone.Plivo.com', 'sip:alice123@phone.plivo.com'],
    ['sip:bob@10.0.0.5:5060', 'sip:bob@10.0.0.5:5060'],
  ])('accepts the SIP URI %s as %s', (text, expected) => {
    expect(parseAddress(text, 'US')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', /empty/],
    ['call me', /only digits/],
    ['1-800-FLOWERS', /only digits/],
    ['12', /too short/],
    ['+1 415 222 5555 5555 5555', /too long|not a valid/],
    ['sip:alice@', /no host/],
    ['sip:alice', /no host/],
    ['sips:alice@phone.plivo.com', /not "sips:"/],
    ['alice@phone.plivo.com', /starts with "sip:"/],
    ['(415) 123-4567', /not a valid phone number for US/],
    ['555-0100', /too short to be a phone number for US/],
    ['#*123', /not a phone number/],
  ])('refuses %j and says why', (text, reason) => {
    const result = parseAddress(text, 'US');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_address');
    expect(english(result.error.message)).toMatch(reason);
  });

  it('says what would be accepted after the reason, as one text', () => {
    const result = parseAddress('', 'US');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(english(result.error.message)).toBe(
      'The address is empty. Enter a phone number such as (415) 222-5555 or +44 20 7946 0000, or a SIP address such as sip:alice@phone.plivo.com.',
    );
  });

  it('names the typed number, and the default country only for a national number', () => {
    const national = parseAddress('555-0100', 'US');
    const international = parseAddress('+1 555', 'US');
    if (national.ok || international.ok) throw new Error('expected refusals');
    expect(english(national.error.message)).toBe('555-0100 is too short to be a phone number for US (start with + to dial another country).');
    expect(english(international.error.message)).toBe('+1 555 is too short to be a phone number.');
  });

  it('asks for a + when no default country is usable', () => {
    const result = parseAddress('415 222 5555', 'XX');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(english(result.error.message)).toMatch(/Start the number with \+/);
  });
});

describe('formatAddress', () => {
  it('shows numbers of the agent\'s country in national format and others internationally', () => {
    expect(formatAddress('+14152225555', 'US')).toBe('(415) 222-5555');
    expect(formatAddress('+14152225555', 'GB')).toBe('+1 415 222 5555');
  });

  it('shows SIP URIs as they are', () => {
    expect(formatAddress('sip:alice@phone.plivo.com', 'US')).toBe('sip:alice@phone.plivo.com');
  });
});

describe('countryProblem', () => {
  it('accepts a known two-letter code in any case and refuses the rest, saying which rule', () => {
    expect(countryProblem(' gb ')).toBeNull();
    const said = (code: string) => {
      const problem = countryProblem(code);
      return problem === null ? null : english(problem);
    };
    expect(said('USA')).toMatch(/two-letter code/);
    expect(said('ZZ')).toMatch(/not a country code Handoff knows/);
  });
});
