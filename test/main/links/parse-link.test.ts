import { describe, expect, it } from 'vitest';
import { linkInArgs, MAX_LINK_LENGTH, parseLink } from '../../../main/links/parse-link';
import { english } from '../../support/english';

describe('parseLink', () => {
  it('reads a call link: the number as Plivo takes it, the name decoded', () => {
    expect(parseLink('handoff://call?to=%2B14155550100&name=Ada%20Lovelace', 'US')).toEqual({
      ok: true,
      value: { kind: 'call', to: '+14155550100', displayTo: '(415) 555-0100', name: 'Ada Lovelace' },
    });
  });

  it('reads a transfer link, a trailing slash (Windows adds one), any case of scheme and host, and a bare +', () => {
    expect(parseLink('HANDOFF://Transfer/?to=+14155550101', 'US')).toEqual({
      ok: true,
      value: { kind: 'transfer', to: '+14155550101', displayTo: '(415) 555-0101', name: null },
    });
  });

  it('reads national numbers with the default country and SIP addresses by the typed rules', () => {
    expect(parseLink('handoff://call?to=(415)%20555-0100', 'US')).toMatchObject({ ok: true, value: { to: '+14155550100' } });
    expect(parseLink('handoff://call?to=sip%3Aada%40Phone.Plivo.com', 'US')).toMatchObject({ ok: true, value: { to: 'sip:ada@phone.plivo.com' } });
  });

  it.each([
    ['another scheme', 'https://call?to=%2B14155550100', /not of the form/],
    ['no query', 'handoff://call', /not of the form/],
    ['a path', 'handoff://call/evil?to=%2B14155550100', /not of the form/],
    ['a fragment', 'handoff://call?to=%2B14155550100#x', /not of the form/],
    ['user info', 'handoff://me@call?to=%2B14155550100', /not of the form/],
    ['a port', 'handoff://call:80?to=%2B14155550100', /not of the form/],
    ['an unknown host', 'handoff://dial?to=%2B14155550100', /"dial" is not something Handoff does/],
    ['an unknown parameter', 'handoff://call?to=%2B14155550100&auto=1', /"auto" is not a parameter/],
    ['a repeated parameter', 'handoff://call?to=%2B14155550100&to=%2B14155550101', /"to" twice/],
    ['no number', 'handoff://call?name=Ada', /names no number/],
    ['an empty number', 'handoff://call?to=', /names no number/],
    ['a broken escape', 'handoff://call?to=%2B1415555010%ZZ', /not correctly percent-encoded/],
    ['a truncated escape', 'handoff://call?to=%2B14155550100&name=Ada%E', /not correctly percent-encoded/],
    ['invalid UTF-8', 'handoff://call?to=%2B14155550100&name=%C3%28', /not correctly percent-encoded/],
    ['a control character', 'handoff://call?to=%2B14155550100&name=Ada%0ALovelace', /control characters/],
    ['a direction override', 'handoff://call?to=%2B14155550100&name=%E2%80%AEecalevoL', /control characters/],
    ['a number that is not one', 'handoff://call?to=12', /too short/],
    ['letters for a number', 'handoff://call?to=call%20me', /only digits/],
    ['sips', 'handoff://call?to=sips%3Aa%40b.com', /not "sips:"/],
    ['a name over 80 characters', `handoff://call?to=%2B14155550100&name=${'a'.repeat(81)}`, /longer than 80/],
    ['a number over 256 characters', `handoff://call?to=${'1'.repeat(257)}`, /too long/],
    ['a link over the bound', `handoff://call?to=%2B14155550100&name=${'%20'.repeat(MAX_LINK_LENGTH)}`, /longer than 512/],
    ['nothing', '', /not of the form/],
  ])('refuses %s, saying why', (_what, link, why) => {
    const result = parseLink(link, 'US');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(english(result.error.message)).toMatch(/^Handoff ignored a link: /);
      expect(english(result.error.message)).toMatch(why);
    }
  });
});

describe('linkInArgs', () => {
  it('finds the link among Electron\'s and Chromium\'s own arguments, or nothing', () => {
    expect(linkInArgs(['/opt/Handoff/handoff', '--allow-file-access', 'handoff://call?to=1'])).toBe('handoff://call?to=1');
    expect(linkInArgs(['/opt/Handoff/handoff', '.'])).toBeNull();
  });
});
